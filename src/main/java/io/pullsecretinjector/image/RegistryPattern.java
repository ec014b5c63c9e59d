package io.pullsecretinjector.image;

/**
 * A registry pattern with the meaning of a key of a {@code .dockerconfigjson} {@code auths} map (image-matching.md
 * §3): {@code [https://|http://][user@]host[:port][/path-prefix]}, where {@code *} in the host globs within one DNS
 * label. Patterns the kubelet would ignore, or that can never match an image, are refused by {@link #parse}.
 *
 * @param key  the pattern as written
 * @param host host labels joined by dots, possibly with {@code *} globs, or a bracketed IPv6 address such as
 *             {@code [::1]}; {@code index.docker.io} is rewritten to {@code docker.io}
 * @param port port digits, or empty when the pattern has none
 * @param path path prefix starting with {@code /}, or empty when the pattern has none
 */
public record RegistryPattern(String key, String host, String port, String path) {

    public static RegistryPattern parse(String key) throws InvalidRegistryPatternException {
        return RegistryPatternParser.parse(key);
    }

    /**
     * Whether this pattern matches {@code name}, the value of {@link ImageReference#name()}, as the kubelet's
     * {@code URLsMatch} decides: equal ports, same number of host labels, each label globbed, and the path a plain
     * string prefix. A name that no image reference can produce (no host, stray brackets...) matches nothing.
     */
    public boolean matches(String name) {
        LookupName target = LookupName.parse(name);
        return target != null
                && port.equals(target.port())
                && target.path().startsWith(path)
                && HostGlob.matches(hostToMatch(), target.host());
    }

    /**
     * The host as the kubelet compares it: Go's {@code net.SplitHostPort} drops the brackets of an IPv6 address only
     * when a port follows, which {@link #parse} requires of bracketed hosts.
     */
    String hostToMatch() {
        boolean bracketed = host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']';
        return bracketed && !port.isEmpty() ? host.substring(1, host.length() - 1) : host;
    }
}
