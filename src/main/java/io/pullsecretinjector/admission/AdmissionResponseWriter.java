package io.pullsecretinjector.admission;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.pullsecretinjector.patch.PatchOperation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes AdmissionReview responses and error bodies. The one place that decides the response shape: always
 * {@code allowed: true}; {@code patchType} and {@code patch} together or not at all (the API server rejects either
 * alone); the apiVersion the request came in.
 */
public final class AdmissionResponseWriter {

    /** The API server keeps at most 4096 runes of warnings; a handful of messages says everything useful. */
    static final int MAX_WARNINGS = 10;

    private final JsonFactory factory = new JsonFactory();

    public byte[] allowed(String apiVersion, String uid, List<PatchOperation> patch, List<String> warnings) {
        return allowed(apiVersion, uid, patch, warnings, Map.of());
    }

    /** As above, with {@code auditAnnotations} (written in key order, so the body is deterministic). */
    public byte[] allowed(String apiVersion, String uid, List<PatchOperation> patch, List<String> warnings,
                          Map<String, String> auditAnnotations) {
        // The patch text first, not nested in the envelope's generator: Jackson recycles one buffer set per thread,
        // and a generator opened while another is open allocates fresh 8 KB buffers on every request.
        byte[] patchJson = patch.isEmpty() ? null : patchBytes(patch);
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("apiVersion", apiVersion);
            g.writeStringField("kind", AdmissionReviewReader.KIND);
            g.writeObjectFieldStart("response");
            g.writeStringField("uid", uid);
            g.writeBooleanField("allowed", true);
            if (!patch.isEmpty()) {
                g.writeStringField("patchType", "JSONPatch");
                g.writeFieldName("patch");
                g.writeBinary(patchJson); // base64, as the []byte field is encoded in Go
            }
            if (!warnings.isEmpty()) {
                g.writeArrayFieldStart("warnings");
                int shown = Math.min(warnings.size(), MAX_WARNINGS);
                for (int i = 0; i < shown; i++) {
                    g.writeString(warnings.get(i));
                }
                if (warnings.size() > shown) {
                    g.writeString((warnings.size() - shown) + " more warning(s) in the pull-secret-injector log");
                }
                g.writeEndArray();
            }
            if (!auditAnnotations.isEmpty()) {
                g.writeObjectFieldStart("auditAnnotations");
                for (Map.Entry<String, String> e : new TreeMap<>(auditAnnotations).entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A {@code metav1.Status}-shaped body for HTTP 400, so the cause shows up in API server logs as-is. */
    public byte[] badRequest(String message) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("apiVersion", "v1");
            g.writeStringField("kind", "Status");
            g.writeStringField("status", "Failure");
            g.writeStringField("reason", "BadRequest");
            g.writeNumberField("code", 400);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    /** The JSON text of a patch exactly as the webhook sends it (before base64). */
    public byte[] patchBytes(List<PatchOperation> patch) {
        return write(g -> {
            g.writeStartArray();
            for (PatchOperation op : patch) {
                g.writeStartObject();
                g.writeStringField("op", "add");
                g.writeStringField("path", op.path());
                g.writeFieldName("value");
                writeValue(g, op.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("unsupported patch value " + value);
        }
    }

    private byte[] write(JsonBody body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256);
             JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
    }

    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }
}
