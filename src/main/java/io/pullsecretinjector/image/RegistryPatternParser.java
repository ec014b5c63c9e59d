package io.pullsecretinjector.image;

/**
 * Reads a registry pattern the way the kubelet's {@code BasicDockerKeyring.Add} reads an {@code auths} key (strip
 * {@code https://} or {@code http://}, {@code url.Parse}, drop {@code /v1/} or {@code /v2/}), and refuses what the
 * kubelet would silently ignore or what can never match an image name, so that a typo surfaces at configuration time
 * instead of as a Pod that quietly gets no secret.
 */
final class RegistryPatternParser {

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";

    private RegistryPatternParser() {
    }

    static RegistryPattern parse(String key) throws InvalidRegistryPatternException {
        if (key == null) {
            throw invalid("registry pattern is missing");
        }
        if (key.isEmpty()) {
            throw invalid("registry pattern is empty");
        }
        rejectUnusableCharacters(key);
        String rest = withoutScheme(key);
        int slash = rest.indexOf('/');
        String authority = withoutUserinfo(slash < 0 ? rest : rest.substring(0, slash));
        String path = effectivePath(slash < 0 ? "" : rest.substring(slash));

        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = bracketedHost(authority, close);
            port = bracketedPort(authority, close);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon + 1);
            checkHostName(host);
            checkPort(port);
        }
        checkPath(path);
        // Project decision: index.docker.io names Docker Hub exactly like docker.io. (The kubelet instead hands an
        // index.docker.io key to every name that merely looks like Docker Hub when nothing else matched, including
        // localhost/app; we do not copy that fallback.)
        if (host.equals(LEGACY_DOCKER_HUB) && port.isEmpty()) {
            host = ReferenceParser.DOCKER_HUB;
        }
        return new RegistryPattern(key, host, port, path);
    }

    private static void rejectUnusableCharacters(String key) throws InvalidRegistryPatternException {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw invalid(key.isBlank()
                        ? "registry pattern is blank"
                        : "contains whitespace or a control character: the kubelet ignores such keys");
            }
            switch (c) {
                case '?' -> throw invalid("contains '?': only '*' is supported as a wildcard"
                        + " (the kubelet reads '?' as the start of a URL query)");
                case '#' -> throw invalid("contains '#': the kubelet reads everything from '#' on as a URL fragment");
                case '%' -> throw invalid("contains '%': percent-escapes are not supported");
                default -> {
                }
            }
        }
    }

    /** The kubelet strips only these two exact, lowercase prefixes; anything else becomes part of the host. */
    private static String withoutScheme(String key) throws InvalidRegistryPatternException {
        String rest = key;
        if (rest.startsWith("https://")) {
            rest = rest.substring("https://".length());
        } else if (rest.startsWith("http://")) {
            rest = rest.substring("http://".length());
        }
        int schemeEnd = schemeLength(rest);
        if (schemeEnd > 0) {
            String scheme = rest.substring(0, schemeEnd);
            if (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) {
                throw invalid(rest.length() < key.length()
                        ? "has a second scheme after the first"
                        : "scheme '" + scheme + "://' must be written in lowercase: the kubelet strips only 'https://'"
                                + " and 'http://', so this key never matches");
            }
            throw invalid("scheme '" + ReferenceParser.quote(scheme) + "://' is not supported: only 'https://' and"
                    + " 'http://' (or none) are");
        }
        return rest;
    }

    /** Length of a leading {@code [A-Za-z][A-Za-z0-9+.-]*} followed by "://", else 0. */
    private static int schemeLength(String s) {
        if (s.isEmpty() || !isLetter(s.charAt(0))) {
            return 0;
        }
        int i = 1;
        while (i < s.length() && isSchemeCharacter(s.charAt(i))) {
            i++;
        }
        return s.startsWith("://", i) ? i : 0;
    }

    /** Go's url.Parse drops {@code user:password@} (cut at the authority's last '@') if its characters are valid. */
    private static String withoutUserinfo(String authority) throws InvalidRegistryPatternException {
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return authority;
        }
        for (int i = 0; i < at; i++) {
            char c = authority.charAt(i);
            boolean valid = isLetter(c) || ReferenceGrammar.isDigit(c) || "-._:~!$&'()*+,;=@".indexOf(c) >= 0;
            if (!valid) {
                throw invalid("user information before '@' contains " + describe(c)
                        + ", which the kubelet cannot parse");
            }
        }
        return authority.substring(at + 1);
    }

    /** {@code /v1/} and {@code /v2/} mean the registry itself (docker's ResolveAuthConfig); "/" means no path. */
    private static String effectivePath(String rawPath) {
        String path = rawPath.startsWith("/v1/") || rawPath.startsWith("/v2/") ? rawPath.substring(3) : rawPath;
        return path.equals("/") ? "" : path;
    }

    private static String bracketedHost(String authority, int close) throws InvalidRegistryPatternException {
        if (close < 0) {
            throw invalid("'[' has no closing ']'");
        }
        String address = authority.substring(1, close);
        if (!Ipv6Text.isAddress(address)) {
            throw invalid("'[" + ReferenceParser.quote(address) + "]' is not an IPv6 address: '[' and ']' may only"
                    + " enclose an IPv6 address of hexadecimal groups (glob character classes are not supported)");
        }
        return "[" + address + "]";
    }

    private static String bracketedPort(String authority, int close) throws InvalidRegistryPatternException {
        String afterHost = authority.substring(close + 1);
        if (afterHost.isEmpty() || afterHost.equals(":")) {
            // Without a port, net.SplitHostPort fails and the brackets stay in the host; filepath.Match then reads
            // "[::1]" as a character class matching one character, so the key can never match.
            throw invalid("a bracketed IPv6 host needs a port (e.g. '[::1]:5000'): without one the kubelet reads the"
                    + " brackets as a glob character class and the key never matches");
        }
        if (afterHost.charAt(0) != ':') {
            throw invalid("']' may only be followed by ':port'");
        }
        String port = afterHost.substring(1);
        checkPort(port);
        return port;
    }

    private static void checkHostName(String host) throws InvalidRegistryPatternException {
        if (host.isEmpty()) {
            throw invalid("has no host");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '[' || c == ']') {
                throw invalid("'[' and ']' are only allowed around an IPv6 address followed by a port:"
                        + " glob character classes are not supported, only '*'");
            }
            boolean allowed = isLetter(c) || ReferenceGrammar.isDigit(c) || "-_.*".indexOf(c) >= 0;
            if (!allowed) {
                throw invalid("host contains " + describe(c)
                        + ": only letters, digits, '-', '_', '.' and '*' are allowed");
            }
        }
        if (host.startsWith(".") || host.endsWith(".") || host.contains("..")) {
            throw invalid("host has an empty label (a leading, trailing or double '.')");
        }
    }

    private static void checkPort(String port) throws InvalidRegistryPatternException {
        for (int i = 0; i < port.length(); i++) {
            if (!ReferenceGrammar.isDigit(port.charAt(i))) {
                throw invalid(port.indexOf('*') >= 0
                        ? "port must be digits: ports cannot be wildcards"
                        : "port must be digits");
            }
        }
    }

    /** Image paths are lowercase {@code [a-z0-9._-]} components joined by single '/'; other prefixes never match. */
    private static void checkPath(String path) throws InvalidRegistryPatternException {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*') {
                throw invalid("path contains '*': wildcards are only supported in the host");
            }
            if (c >= 'A' && c <= 'Z') {
                throw invalid("path contains uppercase letters: image repository paths are always lowercase, so it"
                        + " never matches");
            }
            if (c == ':') {
                throw invalid("path contains ':': a tag or port after the path never matches, image lookups carry"
                        + " neither");
            }
            if (c == '@') {
                throw invalid("path contains '@': a digest never matches, image lookups carry none");
            }
            boolean allowed = (c >= 'a' && c <= 'z') || ReferenceGrammar.isDigit(c) || ".-_/".indexOf(c) >= 0;
            if (!allowed) {
                throw invalid("path contains " + describe(c) + ": image repository paths only contain lowercase"
                        + " letters, digits, '.', '_', '-' and '/', so it never matches");
            }
        }
        if (path.contains("//")) {
            throw invalid("path has an empty segment ('//'), so it never matches");
        }
    }

    /** A character for a message: quoted when printable ASCII, else as its UTF-16 code, which any log can show. */
    private static String describe(char c) {
        return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static boolean isSchemeCharacter(char c) {
        return isLetter(c) || ReferenceGrammar.isDigit(c) || c == '+' || c == '.' || c == '-';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static InvalidRegistryPatternException invalid(String message) {
        return new InvalidRegistryPatternException(message);
    }
}
