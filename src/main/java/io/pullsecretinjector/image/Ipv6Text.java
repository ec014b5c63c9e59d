package io.pullsecretinjector.image;

/**
 * Whether a string is an IPv6 address written as hexadecimal groups: Go's {@code url.Parse} refuses a bracketed host
 * that is not an IPv6 address, so the kubelet ignores such a key. Embedded IPv4 ({@code ::ffff:1.2.3.4}) and zone IDs
 * are valid IPv6 text but can never match, because image references cannot contain them, so they are not accepted.
 */
final class Ipv6Text {

    private static final int GROUPS = 8;
    private static final int MAX_GROUP_DIGITS = 4;

    private Ipv6Text() {
    }

    static boolean isAddress(String s) {
        int ellipsis = s.indexOf("::");
        if (ellipsis < 0) {
            return groupCount(s) == GROUPS;
        }
        if (s.indexOf("::", ellipsis + 1) >= 0) {
            return false; // at most one "::", and no ":::"
        }
        int before = groupCount(s.substring(0, ellipsis));
        int after = groupCount(s.substring(ellipsis + 2));
        // "::" stands for at least one group of zeros.
        return before >= 0 && after >= 0 && before + after < GROUPS;
    }

    /** Number of ':'-separated groups of 1 to 4 hex digits in {@code s} (0 when empty), or -1 when malformed. */
    private static int groupCount(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int groups = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ':';
            if (c == ':') {
                if (digits == 0) {
                    return -1;
                }
                groups++;
                digits = 0;
            } else if (ReferenceGrammar.isHex(c) && digits < MAX_GROUP_DIGITS) {
                digits++;
            } else {
                return -1;
            }
        }
        return groups;
    }
}
