package io.pullsecretinjector.patch;

import java.util.List;
import java.util.Map;

/**
 * One RFC 6902 {@code add} operation. Only {@code add} is ever produced: this webhook adds what is missing and never
 * replaces or removes what others put there.
 *
 * @param path  JSON Pointer, tokens already escaped
 * @param value a {@link String}, a {@code Map<String, ?>} or a {@code List<?>} of those
 */
public record PatchOperation(String path, Object value) {

    public static PatchOperation add(String path, Object value) {
        return new PatchOperation(path, value);
    }

    /** The value of an {@code imagePullSecrets} entry, a {@code LocalObjectReference}. */
    static Map<String, String> secretReference(String name) {
        return Map.of("name", name);
    }

    static List<Map<String, String>> secretReferences(List<String> names) {
        return names.stream().map(PatchOperation::secretReference).toList();
    }
}
