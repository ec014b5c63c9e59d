package io.pullsecretinjector.jsonskip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds the end of a JSON array or object whose opening bracket has been read, checking the grammar on the way
 * without decoding anything: no field names hashed or interned, no numbers converted, no strings built. This is what
 * makes skipping {@code managedFields}, {@code status}, volumes and environment lists cheap.
 *
 * <p>It accepts what a fresh {@link com.fasterxml.jackson.core.json.UTF8StreamJsonParser} with Jackson's default
 * features accepts when it tokenizes the same bytes (checked by differential tests): RFC 8259 grammar with whitespace
 * limited to space, tab, CR and LF; no control characters inside strings; the escapes {@code \" \\ \/ \b \f \n \r
 * \t} and four-hex-digit unicode escapes; UTF-8 lead bytes followed by the right number of continuation bytes (as
 * loose as Jackson in values: overlong forms and surrogates pass); in field names, which Jackson decodes, also
 * surrogate pairs checked and the name length limit; numbers without leading zeroes or a bare sign or dot; the
 * parser's nesting depth and number length limits. Iterative, so hostile nesting costs no stack.
 *
 * <p>Hand-written because Jackson has no way to skip a value without tokenizing it.
 */
final class JsonSkipper {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Bytes that need no attention inside a string: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private static final int ELEMENT_OR_CLOSE = 0;
    private static final int ELEMENT = 1;
    private static final int AFTER_VALUE = 2;

    private JsonSkipper() {
    }

    /** The parser's {@code StreamReadConstraints} that apply to skipped values. */
    record Limits(int maxDepth, int maxNumberLength, int maxNameLength) {
    }

    /** Why the bytes are not JSON; stackless: bad input is expected, and its cost should not depend on the stack. */
    static final class MalformedJson extends Exception {
        MalformedJson(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param b        the document
     * @param pos      the index just after the opening bracket
     * @param end      the index after the document's last byte
     * @param object   whether the bracket opened an object ({@code {}) rather than an array
     * @param depth    the nesting depth of the opened container (the document's root is 1)
     * @param limits   the parser's nesting depth and number length limits
     * @return the index just after the matching closing bracket
     */
    static int skipContainer(byte[] b, int pos, int end, boolean object, int depth, Limits limits)
            throws MalformedJson {
        int maxDepth = limits.maxDepth();
        // One bit per open container below the first (1 = object): the first 64 in a local, deeper ones (never seen
        // in a Pod, only in hostile input) in an array made when needed, so a skip allocates nothing.
        long shallow = 0;
        long[] deep = null;
        int level = 0;
        boolean inObject = object;
        int i = pos;
        int state = ELEMENT_OR_CLOSE;
        while (true) {
            i = whitespace(b, i, end);
            if (i >= end) {
                throw new MalformedJson("Unexpected end-of-input: expected close marker for "
                        + (inObject ? "Object" : "Array"));
            }
            int c = b[i] & 0xFF;
            if (state == AFTER_VALUE || state == ELEMENT_OR_CLOSE && (c == '}' || c == ']')) {
                if (c == ',' && state == AFTER_VALUE) {
                    i++;
                    state = ELEMENT;
                    continue;
                }
                if (c != (inObject ? '}' : ']')) {
                    throw new MalformedJson(unexpected(c, inObject
                            ? "was expecting comma to separate Object entries"
                            : "was expecting comma to separate Array entries"));
                }
                i++;
                if (level == 0) {
                    return i;
                }
                level--;
                inObject = ((level < 64 ? shallow : deep[level >> 6]) & (1L << level)) != 0;
                state = AFTER_VALUE;
                continue;
            }
            if (inObject) {
                if (c != '"') {
                    throw new MalformedJson(unexpected(c, "was expecting double-quote to start field name"));
                }
                i = whitespace(b, name(b, i + 1, end, limits.maxNameLength()), end);
                if (i >= end || b[i] != ':') {
                    throw new MalformedJson(i >= end ? "Unexpected end-of-input: was expecting a colon"
                            : unexpected(b[i] & 0xFF, "was expecting a colon to separate field name and value"));
                }
                i = whitespace(b, i + 1, end);
                if (i >= end) {
                    throw new MalformedJson("Unexpected end-of-input: expected a value");
                }
                c = b[i] & 0xFF;
            }
            // a value
            if (c == '{' || c == '[') {
                if (depth + level + 1 > maxDepth) {
                    throw new MalformedJson("Document nesting depth (" + (depth + level + 1)
                            + ") exceeds the maximum allowed (" + maxDepth + ")");
                }
                if (level < 64) {
                    shallow = inObject ? shallow | (1L << level) : shallow & ~(1L << level);
                } else {
                    int word = level >> 6;
                    if (deep == null || word >= deep.length) {
                        // grown as the nesting goes deeper: the limit may be configured very high
                        deep = deep == null ? new long[word + 1] : Arrays.copyOf(deep, word + 1);
                    }
                    deep[word] = inObject ? deep[word] | (1L << level) : deep[word] & ~(1L << level);
                }
                level++;
                inObject = c == '{';
                i++;
                state = ELEMENT_OR_CLOSE;
                continue;
            }
            if (c == '"') {
                i = string(b, i + 1, end);
            } else if (c == '-' || c >= '0' && c <= '9') {
                i = number(b, i, end, limits.maxNumberLength());
            } else if (c == 't') {
                i = literal(b, i, end, "true");
            } else if (c == 'f') {
                i = literal(b, i, end, "false");
            } else if (c == 'n') {
                i = literal(b, i, end, "null");
            } else {
                throw new MalformedJson(unexpected(c, "expected a valid value"));
            }
            state = AFTER_VALUE;
        }
    }

    private static int whitespace(byte[] b, int i, int end) {
        // Every byte JSON allows as whitespace is at most a space; the API server sends none.
        while (i < end && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** From just after the opening quote of a string value to just after the closing one. */
    private static int string(byte[] b, int i, int end) throws MalformedJson {
        while (true) {
            i = plainRun(b, i, end);
            if (i >= end) {
                throw new MalformedJson("Unexpected end-of-input in a string");
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i += escapeLength(escape(b, i + 1, end));
            } else if (c < 0x20) {
                throw controlCharacter(c);
            } else {
                i = multiByte(b, i, end, c, false);
            }
        }
    }

    /**
     * A field name: Jackson decodes names, so it checks more than in values: an escaped high surrogate must be
     * followed by an escaped low one, a lone low one is refused, so are raw UTF-8 surrogates, and the decoded name
     * has a length limit.
     */
    private static int name(byte[] b, int i, int end, int maxLength) throws MalformedJson {
        int start = i;
        // escapes are longer in the document than in UTF-8: what to subtract from the raw length
        int shorter = 0;
        while (true) {
            i = plainRun(b, i, end);
            if (i >= end) {
                throw new MalformedJson("Unexpected end-of-input in a field name");
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                long utf8Length = (long) i - start - shorter;
                if (utf8Length > maxLength) {
                    throw new MalformedJson("Name length (" + utf8Length + ") exceeds the maximum allowed ("
                            + maxLength + ")");
                }
                return i + 1;
            }
            if (c == '\\') {
                long escaped = escape(b, i + 1, end);
                int ch = (int) escaped;
                int length = escapeLength(escaped);
                i += length;
                if (ch >= 0xD800 && ch <= 0xDBFF) {
                    if (i >= end || b[i] != '\\') {
                        throw new MalformedJson("Broken surrogate pair in field name: expected '\\' to start low"
                                + " surrogate");
                    }
                    long low = escape(b, i + 1, end);
                    if ((int) low < 0xDC00 || (int) low > 0xDFFF) {
                        throw new MalformedJson("Broken surrogate pair in field name: expected low surrogate");
                    }
                    int lowLength = escapeLength(low);
                    i += lowLength;
                    shorter += length + lowLength - 4;
                } else if (ch >= 0xDC00 && ch <= 0xDFFF) {
                    throw new MalformedJson("Unexpected low surrogate in field name");
                } else {
                    shorter += length - (ch < 0x80 ? 1 : ch < 0x800 ? 2 : 3);
                }
            } else if (c < 0x20) {
                throw controlCharacter(c);
            } else {
                i = multiByte(b, i, end, c, true);
            }
        }
    }

    /**
     * The index of the first byte from {@code i} that a string scan must look at: a quote, a backslash, a control
     * character or a non-ASCII byte; {@code end} if none. Eight bytes at a time (SWAR: the first flagged byte of a
     * word is always a true one, borrows only flag bytes after it).
     */
    private static int plainRun(byte[] b, int i, int end) {
        while (i <= end - 8) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ 0x2222222222222222L;
            long backslash = w ^ 0x5C5C5C5C5C5C5C5CL;
            long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash
                    | (w - 0x2020202020202020L) | w) & HIGH_BITS;
            if (special != 0) {
                return i + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            i += 8;
        }
        while (i < end && PLAIN[b[i] & 0xFF]) {
            i++;
        }
        return i;
    }

    private static MalformedJson controlCharacter(int c) {
        return new MalformedJson("Illegal unquoted character (CTRL-CHAR, code " + c
                + "): has to be escaped using backslash to be included in a string");
    }

    /**
     * The escape after a backslash at {@code i}: its character in the low 32 bits, and in the high ones 1 for a
     * six-byte {@code \\uXXXX} escape, 0 for a two-byte one.
     */
    private static long escape(byte[] b, int i, int end) throws MalformedJson {
        if (i >= end) {
            throw new MalformedJson("Unexpected end-of-input in character escape sequence");
        }
        switch (b[i]) {
            case '"', '\\', '/' -> {
                return b[i];
            }
            case 'b' -> {
                return '\b';
            }
            case 'f' -> {
                return '\f';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 't' -> {
                return '\t';
            }
            case 'u' -> {
                int value = 0;
                for (int k = 1; k <= 4; k++) {
                    if (i + k >= end) {
                        throw new MalformedJson("Unexpected end-of-input in character escape sequence");
                    }
                    int digit = Character.digit(b[i + k], 16);
                    if (digit < 0) {
                        throw new MalformedJson(unexpected(b[i + k] & 0xFF,
                                "expected a hex-digit for character escape sequence"));
                    }
                    value = value << 4 | digit;
                }
                return 1L << 32 | value;
            }
            default -> throw new MalformedJson("Unrecognized character escape " + describe(b[i] & 0xFF));
        }
    }

    /** The bytes an escape {@link #escape} read takes in the document, backslash included. */
    private static int escapeLength(long escaped) {
        return escaped >>> 32 == 0 ? 2 : 6;
    }

    /**
     * A UTF-8 sequence as Jackson checks it: the lead byte's length, then that many continuation bytes; in names also
     * no surrogates (U+D800 to U+DFFF, lead byte 0xED with a second byte from 0xA0).
     */
    private static int multiByte(byte[] b, int i, int end, int lead, boolean name) throws MalformedJson {
        int length;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
        } else {
            throw new MalformedJson("Invalid UTF-8 start byte 0x" + Integer.toHexString(lead));
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= end) {
                throw new MalformedJson("Unexpected end-of-input in a string");
            }
            if ((b[i + k] & 0xC0) != 0x80) {
                throw new MalformedJson("Invalid UTF-8 middle byte 0x" + Integer.toHexString(b[i + k] & 0xFF));
            }
        }
        if (name && lead == 0xED && (b[i + 1] & 0xE0) == 0xA0) {
            throw new MalformedJson("Invalid UTF-8: Illegal surrogate character in a field name");
        }
        return i + length;
    }

    private static int number(byte[] b, int i, int end, int maxLength) throws MalformedJson {
        int start = i;
        if (b[i] == '-') {
            i++;
            if (i >= end || !digit(b[i])) {
                throw new MalformedJson("Invalid numeric value: '-' not followed by a digit");
            }
        }
        int intStart = i;
        if (b[i] == '0') {
            i++;
            if (i < end && digit(b[i])) {
                throw new MalformedJson("Invalid numeric value: Leading zeroes not allowed");
            }
        } else {
            while (i < end && digit(b[i])) {
                i++;
            }
        }
        int intLength = i - intStart;
        boolean fraction = false;
        if (i < end && b[i] == '.') {
            fraction = true;
            i++;
            int digits = i;
            while (i < end && digit(b[i])) {
                i++;
            }
            if (i == digits) {
                throw new MalformedJson("Decimal point not followed by a digit");
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            fraction = true;
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int digits = i;
            while (i < end && digit(b[i])) {
                i++;
            }
            if (i == digits) {
                throw new MalformedJson("Exponent indicator not followed by a digit");
            }
        }
        int length = fraction ? i - start : intLength;
        if (length > maxLength) {
            throw new MalformedJson("Number value length (" + length + ") exceeds the maximum allowed ("
                    + maxLength + ")");
        }
        return i;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int literal(byte[] b, int i, int end, String word) throws MalformedJson {
        int n = word.length();
        if (end - i < n) {
            throw new MalformedJson("Unrecognized token: was expecting '" + word + "'");
        }
        for (int k = 1; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                throw new MalformedJson("Unrecognized token: was expecting '" + word + "'");
            }
        }
        return i + n;
    }

    private static String unexpected(int c, String expectation) {
        return "Unexpected character (" + describe(c) + "): " + expectation;
    }

    private static String describe(int c) {
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "' (code " + c + ")" : "code " + c;
    }
}
