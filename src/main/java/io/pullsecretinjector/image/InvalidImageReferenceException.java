package io.pullsecretinjector.image;

/** The image string is not a reference the kubelet can pull; the message says why. */
public final class InvalidImageReferenceException extends Exception {
    public InvalidImageReferenceException(String message) {
        super(message, null, false, false);
    }
}
