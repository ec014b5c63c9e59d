package io.pullsecretinjector.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the serving certificate and key are read from: a PEM certificate chain and a PEM private key, typically the
 * {@code tls.crt} and {@code tls.key} of a mounted {@code kubernetes.io/tls} Secret.
 */
record ServingFiles(Path certificate, Path key) {

    /** Both files' bytes and one digest over them, so that a change to either is seen without keeping old bytes. */
    record Contents(byte[] certificate, byte[] key, String digest) {
    }

    Contents read() {
        try {
            byte[] cert = Files.readAllBytes(certificate);
            byte[] keyBytes = Files.readAllBytes(key);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(cert);
            sha256.update((byte) 0);
            sha256.update(keyBytes);
            return new Contents(cert, keyBytes, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + certificate + " and " + key + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return certificate + " and " + key;
    }
}
