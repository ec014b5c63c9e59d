package io.pullsecretinjector.image;

/**
 * The host part of the kubelet's {@code URLsMatch}: both hosts are split on '.', must have the same number of labels,
 * and each pattern label must match its image label under Go's {@code filepath.Match}. Patterns reach this class with
 * {@code *} as their only special character ({@link RegistryPatternParser} refuses '[', '?' and '\'), so a label glob
 * is: {@code *} matches any run of characters, including none, within the label; everything else matches itself,
 * case-sensitively.
 */
final class HostGlob {

    private HostGlob() {
    }

    static boolean matches(String pattern, String host) {
        int patternStart = 0;
        int hostStart = 0;
        while (true) {
            int patternEnd = labelEnd(pattern, patternStart);
            int hostEnd = labelEnd(host, hostStart);
            if (!labelMatches(pattern, patternStart, patternEnd, host, hostStart, hostEnd)) {
                return false;
            }
            boolean patternDone = patternEnd == pattern.length();
            boolean hostDone = hostEnd == host.length();
            if (patternDone || hostDone) {
                return patternDone && hostDone; // otherwise the label counts differ
            }
            patternStart = patternEnd + 1;
            hostStart = hostEnd + 1;
        }
    }

    private static int labelEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    /**
     * Glob match of one label. On a mismatch it backtracks only to the last '*', so the cost stays within
     * (pattern label length × image label length).
     */
    static boolean labelMatches(String pattern, int pFrom, int pTo, String text, int tFrom, int tTo) {
        int p = pFrom;
        int t = tFrom;
        int starAt = -1;
        int resumeAt = -1;
        while (t < tTo) {
            if (p < pTo && pattern.charAt(p) == '*') {
                starAt = p++;
                resumeAt = t;
            } else if (p < pTo && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pTo && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pTo;
    }
}
