package io.pullsecretinjector.jsonskip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSkipperTest {

    private static final JsonSkipper.Limits LIMITS = new JsonSkipper.Limits(200, 1000, 50_000);

    /** Skips the container that opens the text and returns what follows it. */
    private static String rest(String text) throws JsonSkipper.MalformedJson {
        return rest(text.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    private static String rest(byte[] b, JsonSkipper.Limits limits) throws JsonSkipper.MalformedJson {
        int end = JsonSkipper.skipContainer(b, 1, b.length, b[0] == '{', 1, limits);
        return new String(b, end, b.length - end, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("an empty object", "{}"),
                Arguments.of("an empty array with whitespace inside", "[ \t\r\n ]"),
                Arguments.of("managedFields-like nesting with escaped keys",
                        "[{\"fieldsV1\":{\"f:spec\":{\"k:{\\\"name\\\":\\\"app\\\"}\":{\".\":{}}}}}]"),
                Arguments.of("brackets and quotes inside strings", "{\"a\":\"]}\\\"[{\",\"b\":[\"}\"]}"),
                Arguments.of("a backslash before the closing quote", "[\"\\\\\"]"),
                Arguments.of("every simple escape and a unicode escape", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uABCD\"]"),
                Arguments.of("multi-byte UTF-8 in keys and values", "{\"é\":\"日本\",\"k\":\"😀\"}"),
                Arguments.of("numbers in every JSON form", "[0,-0,1,-12,3.25,-0.5,1e3,1E+3,2e-7,10.5E10]"),
                Arguments.of("the three literals", "[true,false,null]"),
                Arguments.of("objects in arrays in objects", "{\"a\":[{\"b\":[[],{}]},[{}]],\"c\":{}}"),
                Arguments.of("an escaped surrogate pair in a field name", "{\"a\\ud83d\\ude00\":1}"),
                Arguments.of("lone escaped surrogates in string values", "[\"\\ud83d\",\"\\ude00\"]"));
    }

    @ParameterizedTest(name = "{0} is skipped to its closing bracket")
    @MethodSource("accepted")
    void skipsValidContainers(String name, String json) throws JsonSkipper.MalformedJson {
        assertThat(rest(json + " ,\"next\":1}")).isEqualTo(" ,\"next\":1}");
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("an unclosed array", "[1,2"),
                Arguments.of("an unclosed string", "[\"abc"),
                Arguments.of("a mismatched closing bracket", "[1}"),
                Arguments.of("a trailing comma", "[1,]"),
                Arguments.of("a missing comma", "[1 2]"),
                Arguments.of("a missing colon", "{\"a\" 1}"),
                Arguments.of("an unquoted key", "{a:1}"),
                Arguments.of("a single-quoted string", "['a']"),
                Arguments.of("a raw control character in a string", "[\"a\u0001b\"]"),
                Arguments.of("a raw newline in a string", "[\"a\nb\"]"),
                Arguments.of("an unknown escape", "[\"\\x\"]"),
                Arguments.of("a unicode escape with a non-hex digit", "[\"\\u00g0\"]"),
                Arguments.of("a truncated unicode escape", "[\"\\u00"),
                Arguments.of("a leading zero", "[01]"),
                Arguments.of("a minus without digits", "[-]"),
                Arguments.of("a decimal point without digits", "[1.]"),
                Arguments.of("an exponent without digits", "[1e+]"),
                Arguments.of("a leading plus sign", "[+1]"),
                Arguments.of("a leading decimal point", "[.5]"),
                Arguments.of("NaN", "[NaN]"),
                Arguments.of("a misspelt literal", "[ture]"),
                Arguments.of("a literal run into a word", "[truex]"),
                Arguments.of("a comment", "[/* no */ 1]"),
                Arguments.of("a form feed as whitespace", "[\f1]"),
                Arguments.of("a value where a key belongs", "{1:2}"),
                Arguments.of("an escaped high surrogate alone in a field name", "{\"a\\ud83d\":1}"),
                Arguments.of("an escaped high surrogate followed by a non-surrogate in a field name",
                        "{\"a\\ud83d\\u0041\":1}"),
                Arguments.of("an escaped low surrogate alone in a field name", "{\"a\\ude00\":1}"));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("rejected")
    void rejectsWhatJsonForbids(String name, String json) {
        assertThatThrownBy(() -> rest(json + "}")).isInstanceOf(JsonSkipper.MalformedJson.class)
                .hasMessageNotContaining("Exception");
    }

    static Stream<Arguments> badUtf8() {
        return Stream.of(
                Arguments.of("a continuation byte where a character starts", new byte[] {'[', '"', (byte) 0x80, '"', ']'}),
                Arguments.of("a five-byte lead byte", new byte[] {'[', '"', (byte) 0xF8, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80, '"', ']'}),
                Arguments.of("a two-byte sequence cut short by the quote", new byte[] {'[', '"', (byte) 0xC3, '"', ']'}),
                Arguments.of("a three-byte sequence with an ASCII middle byte",
                        new byte[] {'[', '"', (byte) 0xE2, 'a', (byte) 0x82, '"', ']'}),
                Arguments.of("a sequence cut by the end of input", new byte[] {'[', '"', (byte) 0xF0, (byte) 0x9F}));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("badUtf8")
    void rejectsMalformedUtf8InStrings(String name, byte[] json) {
        assertThatThrownBy(() -> rest(json, LIMITS)).isInstanceOf(JsonSkipper.MalformedJson.class);
    }

    @Test
    void aRawUtf8SurrogateIsRejectedInAFieldNameButPassesInAValueAsInJackson() throws JsonSkipper.MalformedJson {
        byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] inValue = concat("[\"".getBytes(StandardCharsets.UTF_8), surrogate, "\"]".getBytes(StandardCharsets.UTF_8));
        assertThat(rest(inValue, LIMITS)).isEmpty();
        byte[] inName = concat("{\"".getBytes(StandardCharsets.UTF_8), surrogate,
                "\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> rest(inName, LIMITS)).isInstanceOf(JsonSkipper.MalformedJson.class)
                .hasMessageContaining("surrogate");
    }

    @Test
    void fieldNamesUpToTheLengthLimitAreSkippedAndLongerOnesRejected() throws JsonSkipper.MalformedJson {
        JsonSkipper.Limits limits = new JsonSkipper.Limits(200, 1000, 8);
        // é is two bytes in UTF-8 whether raw or escaped: 6 + 2 = 8 bytes
        assertThat(rest("{\"abcdefé\":1,\"abcdef\\u00e9\":2}".getBytes(StandardCharsets.UTF_8), limits)).isEmpty();
        assertThatThrownBy(() -> rest("{\"abcdefgé\":1}".getBytes(StandardCharsets.UTF_8), limits))
                .isInstanceOf(JsonSkipper.MalformedJson.class).hasMessageContaining("Name length (9)");
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    @Test
    void nestingUpToTheLimitIsSkippedAndOneLevelMoreIsRejected() throws JsonSkipper.MalformedJson {
        // The skipped container is at depth 1, so 200 brackets reach the limit of 200 exactly.
        String atLimit = "[".repeat(200) + "]".repeat(200);
        assertThat(rest(atLimit)).isEmpty();
        String overLimit = "[".repeat(201) + "]".repeat(201);
        assertThatThrownBy(() -> rest(overLimit)).isInstanceOf(JsonSkipper.MalformedJson.class)
                .hasMessageContaining("nesting depth (201)");
    }

    @Test
    void deepObjectsAndArraysCloseWithTheirOwnBracketsPastSixtyFourLevels() throws JsonSkipper.MalformedJson {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            open.append(i % 3 == 0 ? "{\"k\":" : "[");
            close.insert(0, i % 3 == 0 ? "}" : "]");
        }
        assertThat(rest(open + "1" + close + "x")).isEqualTo("x");
        String swapped = open + "1" + close.toString().replaceFirst("]", "}") + "x";
        assertThatThrownBy(() -> rest(swapped)).isInstanceOf(JsonSkipper.MalformedJson.class);
    }

    @Test
    void numbersUpToTheLengthLimitAreSkippedAndLongerOnesRejected() throws JsonSkipper.MalformedJson {
        JsonSkipper.Limits limits = new JsonSkipper.Limits(200, 10, 50_000);
        assertThat(rest("[1234567890,-1234567890,1.2345678]".getBytes(StandardCharsets.UTF_8), limits)).isEmpty();
        assertThatThrownBy(() -> rest("[12345678901]".getBytes(StandardCharsets.UTF_8), limits))
                .isInstanceOf(JsonSkipper.MalformedJson.class).hasMessageContaining("Number value length (11)");
        assertThatThrownBy(() -> rest("[1.234567890]".getBytes(StandardCharsets.UTF_8), limits))
                .isInstanceOf(JsonSkipper.MalformedJson.class).hasMessageContaining("Number value length (11)");
    }
}
