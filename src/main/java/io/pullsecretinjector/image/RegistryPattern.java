package io.pullsecretinjector.image;

/**
 * A registry pattern with the meaning of a key of a {@code .dockerconfigjson} {@code auths} map.
 *
 * @param key  the pattern as written
 * @param host host labels joined by dots, possibly with {@code *} globs; {@code index.docker.io} is rewritten to
 *             {@code docker.io}
 * @param port port digits, or empty when the pattern has none
 * @param path path prefix starting with {@code /}, or empty when the pattern has none
 */
public record RegistryPattern(String key, String host, String port, String path) {

    public static RegistryPattern parse(String key) throws InvalidRegistryPatternException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Whether this pattern matches {@code name}, the value of {@link ImageReference#name()}. */
    public boolean matches(String name) {
        throw new UnsupportedOperationException("TODO");
    }
}
