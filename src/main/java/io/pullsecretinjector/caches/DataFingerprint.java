package io.pullsecretinjector.caches;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over a secret's data. The caches keep this instead of the data of copies in other namespaces, so sync can
 * tell an up-to-date copy from a stale or hand-edited one without holding credentials. It stays in memory: it is
 * never written to the API, logged or exported.
 */
public final class DataFingerprint {

    private DataFingerprint() {
    }

    public static String of(Map<String, String> data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> entry : new TreeMap<>(data == null ? Map.of() : data).entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(String.valueOf(entry.getValue()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
