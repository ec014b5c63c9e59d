package io.pullsecretinjector.x509;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key pairs this application makes for its own certificates: ECDSA P-256, cheaper to handshake with than RSA. */
public final class EcKeys {

    private EcKeys() {
    }

    /** A new P-256 key pair; every JDK provides the curve, so failing is a broken runtime, not bad input. */
    public static KeyPair newP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is always available", e);
        }
    }
}
