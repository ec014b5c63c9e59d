package io.pullsecretinjector.image;

/**
 * An image lookup name ({@link ImageReference#name()}) split the way the kubelet's {@code URLsMatch} sees it after
 * {@code url.Parse("https://" + name)} and {@code net.SplitHostPort}.
 *
 * @param host the host to glob against: brackets removed from an IPv6 address only when a port follows (as
 *             {@code SplitHostPort} does), e.g. {@code registry.example.com}, {@code ::1} for {@code [::1]:5000},
 *             {@code [::1]} for {@code [::1]}
 * @param port port digits, or empty
 * @param path everything from the first '/', or empty when there is none
 */
record LookupName(String host, String port, String path) {

    /**
     * Splits {@code name}; {@code null} when its host part is not one an image reference can have (empty, empty
     * labels, characters outside {@code [A-Za-z0-9._-]}, a port that is not digits, unbalanced brackets). Every name
     * produced by {@link ImageReference#parse} splits.
     */
    static LookupName parse(String name) {
        if (name == null) {
            return null;
        }
        int slash = name.indexOf('/');
        int end = slash < 0 ? name.length() : slash;
        String path = slash < 0 ? "" : name.substring(slash);
        if (end > 0 && name.charAt(0) == '[') {
            return parseBracketed(name, end, path);
        }
        int colon = name.lastIndexOf(':', end - 1);
        int hostEnd = colon < 0 ? end : colon;
        if (!isHostName(name, hostEnd) || (colon >= 0 && !isPort(name, colon + 1, end))) {
            return null;
        }
        return new LookupName(name.substring(0, hostEnd), colon < 0 ? "" : name.substring(colon + 1, end), path);
    }

    private static LookupName parseBracketed(String name, int end, String path) {
        int close = name.indexOf(']');
        if (close < 0 || close > end || close == 1) {
            return null;
        }
        for (int i = 1; i < close; i++) {
            char c = name.charAt(i);
            if (!ReferenceGrammar.isHex(c) && c != ':') {
                return null;
            }
        }
        if (close + 1 == end) {
            return new LookupName(name.substring(0, end), "", path);
        }
        if (name.charAt(close + 1) != ':' || !isPort(name, close + 2, end)) {
            return null;
        }
        return new LookupName(name.substring(1, close), name.substring(close + 2, end), path);
    }

    private static boolean isHostName(String name, int end) {
        if (end == 0 || name.charAt(0) == '.' || name.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ReferenceGrammar.isDigit(c)
                    || c == '-' || c == '_' || (c == '.' && name.charAt(i - 1) != '.');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String name, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!ReferenceGrammar.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
