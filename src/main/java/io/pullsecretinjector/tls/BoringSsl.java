package io.pullsecretinjector.tls;

import io.netty.handler.ssl.OpenSsl;

/**
 * Whether Netty's BoringSSL (netty-tcnative-boringssl-static, Linux x86-64 and aarch64) loaded here. Only BoringSSL can
 * hand the handshake's signature back to Java ({@link HandshakeSigner}); any other native library, or none, leaves the
 * JDK's engine in place.
 */
final class BoringSsl {

    private BoringSsl() {
    }

    static boolean available() {
        // Netty offers the private-key method with BoringSSL only (and says which library it loaded in its version).
        return OpenSsl.isAvailable() && OpenSsl.versionString().startsWith("BoringSSL");
    }

    static String version() {
        return OpenSsl.versionString();
    }

    /** Why it is not available, for the log line that says the JDK's engine is used instead. */
    static String unavailability() {
        Throwable cause = OpenSsl.unavailabilityCause();
        if (cause != null) {
            return cause.toString();
        }
        return "the native library is " + OpenSsl.versionString() + ", which cannot hand signing back to Java";
    }
}
