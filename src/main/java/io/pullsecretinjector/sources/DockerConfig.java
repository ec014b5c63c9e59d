package io.pullsecretinjector.sources;

import io.pullsecretinjector.image.RegistryPattern;

import java.util.List;

/**
 * What a pull secret's docker config says about registries, without any credential: its {@code auths} keys, the
 * patterns those keys parse to, and why the secret is unusable ({@code null} when it is usable).
 *
 * @param keys     every key as written, sorted, with any {@code user:password@} masked
 * @param patterns the keys that parse to a pattern, sorted by key
 * @param problem  {@code null}, or the reason the kubelet would fail with or ignore this secret
 */
public record DockerConfig(List<String> keys, List<RegistryPattern> patterns, String problem) {

    public DockerConfig {
        keys = List.copyOf(keys);
        patterns = List.copyOf(patterns);
    }

    public static DockerConfig malformed(String problem) {
        return new DockerConfig(List.of(), List.of(), problem);
    }

    public boolean usable() {
        return problem == null;
    }
}
