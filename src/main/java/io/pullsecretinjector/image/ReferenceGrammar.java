package io.pullsecretinjector.image;

/**
 * The productions of distribution/reference {@code regexp.go} as single-pass scanners. Each {@code ...Problem} method
 * returns {@code null} when its input matches the production, else a message saying why not.
 *
 * <pre>
 * domain    = host [ ":" [0-9]+ ]
 * host      = label ( "." label )*  with label = [A-Za-z0-9] | [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]
 *           | "[" [A-Fa-f0-9:]+ "]"
 * path      = component ( "/" component )*
 * component = [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 * tag       = [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 * </pre>
 */
final class ReferenceGrammar {

    private static final int MAX_TAG_LENGTH = 128;
    private static final String SEPARATOR_PROBLEM =
            "repository path may have '.', '_', '__' or a run of '-' only between lowercase letters or digits";

    private ReferenceGrammar() {
    }

    /** Where the repository path of {@code remainder} ends: at the first ':' (tag) or '@' (digest), else its end. */
    static int endOfPath(String remainder) {
        for (int i = 0; i < remainder.length(); i++) {
            char c = remainder.charAt(i);
            if (c == ':' || c == '@') {
                return i;
            }
        }
        return remainder.length();
    }

    static String pathProblem(String s, int from, int to) {
        boolean needAlphanumeric = true; // at the start of a component or right after a separator
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (isLowerAlphanumeric(c)) {
                needAlphanumeric = false;
            } else if (c == '/') {
                if (needAlphanumeric) {
                    return i == from || s.charAt(i - 1) == '/'
                            ? "repository path has an empty component"
                            : SEPARATOR_PROBLEM;
                }
                needAlphanumeric = true;
            } else if (c == '.' || c == '_' || c == '-') {
                if (!continuesSeparator(s, from, i)) {
                    return SEPARATOR_PROBLEM;
                }
                needAlphanumeric = true;
            } else if (c >= 'A' && c <= 'Z') {
                return "repository path must be lowercase";
            } else {
                return "repository path contains '" + c
                        + "': only lowercase letters, digits, '.', '_', '-' and '/' are allowed";
            }
        }
        if (!needAlphanumeric) {
            return null;
        }
        if (to == from) {
            return "repository path is empty";
        }
        return s.charAt(to - 1) == '/' ? "repository path must not end with '/'" : SEPARATOR_PROBLEM;
    }

    /** Whether the separator character at {@code i} follows a letter/digit, or extends "_" to "__" or a run of '-'. */
    private static boolean continuesSeparator(String s, int from, int i) {
        if (i == from) {
            return false;
        }
        char c = s.charAt(i);
        char previous = s.charAt(i - 1);
        if (isLowerAlphanumeric(previous)) {
            return true;
        }
        if (c == '-' && previous == '-') {
            return true; // the first '-' of the run was checked when it was read
        }
        return c == '_' && previous == '_' && i - 2 >= from && isLowerAlphanumeric(s.charAt(i - 2));
    }

    /** Whether {@code s} is one path component, which is how the grammar re-reads an invalid domain. */
    static boolean isPathComponent(String s) {
        return !s.isEmpty() && s.indexOf('/') < 0 && pathProblem(s, 0, s.length()) == null;
    }

    static String domainProblem(String domain) {
        int hostEnd;
        if (domain.isEmpty()) {
            return "registry host is empty";
        }
        if (domain.charAt(0) == '[') {
            int close = domain.indexOf(']');
            if (close < 0) {
                return "registry '[' has no closing ']'";
            }
            if (close == 1) {
                return "registry IPv6 address in brackets is empty";
            }
            for (int i = 1; i < close; i++) {
                char c = domain.charAt(i);
                if (!isHex(c) && c != ':') {
                    return c == '%'
                            ? "registry IPv6 address must not have a zone ID ('%')"
                            : "registry IPv6 address in brackets may only contain hexadecimal digits and ':'";
                }
            }
            hostEnd = close + 1;
        } else {
            int colon = domain.indexOf(':');
            hostEnd = colon < 0 ? domain.length() : colon;
            if (hostEnd == 0) {
                return "registry host is empty";
            }
            String hostProblem = hostNameProblem(domain, hostEnd);
            if (hostProblem != null) {
                return hostProblem;
            }
        }
        if (hostEnd == domain.length()) {
            return null;
        }
        if (domain.charAt(hostEnd) != ':') {
            return "registry IPv6 address in brackets may only be followed by ':port'";
        }
        if (hostEnd + 1 == domain.length()) {
            return "registry port is empty";
        }
        for (int i = hostEnd + 1; i < domain.length(); i++) {
            if (!isDigit(domain.charAt(i))) {
                return "registry port must be digits";
            }
        }
        return null;
    }

    private static String hostNameProblem(String domain, int hostEnd) {
        int labelStart = 0;
        for (int i = 0; i <= hostEnd; i++) {
            char c = i < hostEnd ? domain.charAt(i) : '.';
            if (c == '.') {
                if (i == labelStart) {
                    return "registry host has an empty label (leading, trailing or double '.')";
                }
                if (domain.charAt(labelStart) == '-' || domain.charAt(i - 1) == '-') {
                    return "registry host labels must not start or end with '-'";
                }
                labelStart = i + 1;
            } else if (!isAlphanumeric(c) && c != '-') {
                return "registry host contains '" + c + "': only letters, digits, '-' and '.' are allowed";
            }
        }
        return null;
    }

    static String tagProblem(String s, int from, int to) {
        if (from == to) {
            return "tag is empty";
        }
        if (to - from > MAX_TAG_LENGTH) {
            return "tag must be at most " + MAX_TAG_LENGTH + " characters long, it has " + (to - from);
        }
        char first = s.charAt(from);
        if (!isWordCharacter(first)) {
            return "tag must start with a letter, a digit or '_', not '" + first + "'";
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isWordCharacter(c) && c != '.' && c != '-') {
                return "tag contains '" + c + "': only letters, digits, '_', '.' and '-' are allowed";
            }
        }
        return null;
    }

    static boolean containsUppercase(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    static boolean isLowerHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f');
    }

    static boolean isHex(char c) {
        return isLowerHex(c) || (c >= 'A' && c <= 'F');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z');
    }

    private static boolean isAlphanumeric(char c) {
        return isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
    }

    /** Go regexp {@code \w}: ASCII letters, digits and '_'. */
    private static boolean isWordCharacter(char c) {
        return isAlphanumeric(c) || c == '_';
    }
}
