package io.pullsecretinjector.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.List;

/**
 * Tolerant typed reads from a streaming parser: a value of the wrong type is recorded as a problem and skipped, so
 * one odd field never derails the rest of the document.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** The current value as a string; {@code null} for JSON null; a problem (and {@code null}) for other types. */
    static String string(JsonParser p, String field, List<String> problems) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            problems.add(field + " is not a string");
            p.skipChildren();
        }
        return null;
    }

    /**
     * {@link #string} for {@code list[index]member}, a field of a list entry; the path is only spelled out for a
     * problem (a Pod has many entries, and almost never a problem).
     */
    static String string(JsonParser p, String list, int index, String member, List<String> problems)
            throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return string(p, entry(list, index) + member, problems);
    }

    /** {@link #object} for the entry {@code list[index]}; the path is only spelled out for a problem. */
    static boolean object(JsonParser p, String list, int index, List<String> problems) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        return object(p, entry(list, index), problems);
    }

    private static String entry(String list, int index) {
        return list + "[" + index + "]";
    }

    /** Whether the current value is an object; JSON null is absent; other types are a problem and are skipped. */
    static boolean object(JsonParser p, String field, List<String> problems) throws IOException {
        return container(p, JsonToken.START_OBJECT, field, "an object", problems);
    }

    /** Whether the current value is an array; JSON null is absent; other types are a problem and are skipped. */
    static boolean array(JsonParser p, String field, List<String> problems) throws IOException {
        return container(p, JsonToken.START_ARRAY, field, "an array", problems);
    }

    private static boolean container(JsonParser p, JsonToken start, String field, String what,
                                     List<String> problems) throws IOException {
        JsonToken token = p.currentToken();
        if (token == start) {
            return true;
        }
        if (token != JsonToken.VALUE_NULL) {
            problems.add(field + " is not " + what);
            p.skipChildren();
        }
        return false;
    }
}
