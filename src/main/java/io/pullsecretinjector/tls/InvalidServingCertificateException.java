package io.pullsecretinjector.tls;

/** The serving certificate or its key cannot be used; the message says why and never contains key material. */
public final class InvalidServingCertificateException extends RuntimeException {

    public InvalidServingCertificateException(String message) {
        super(message);
    }

    public InvalidServingCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
