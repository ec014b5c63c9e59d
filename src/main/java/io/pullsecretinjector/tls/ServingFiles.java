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
            return contents(Files.readAllBytes(certificate), Files.readAllBytes(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + certificate + " and " + key + ": " + e, e);
        }
    }

    /** A PEM certificate chain and key from anywhere (a file pair, a Secret), with their digest. */
    static Contents contents(byte[] certificate, byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate);
            sha256.update((byte) 0);
            sha256.update(key);
            return new Contents(certificate, key, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return certificate + " and " + key;
    }
}
