package io.pullsecretinjector.patch;

/** RFC 6901 JSON Pointer tokens. */
public final class JsonPointer {

    private JsonPointer() {
    }

    /** Escapes one reference token: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}, in that order. */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
