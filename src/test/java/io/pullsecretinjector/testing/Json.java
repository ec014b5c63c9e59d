package io.pullsecretinjector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** JSON helpers for tests: reading fixtures, decoding responses, applying patches with an independent library. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode resource(String name) {
        try (var in = Json.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded JSON Patch of an AdmissionReview response, or {@code null} when it carries none. */
    public static ArrayNode patchOf(JsonNode response) {
        JsonNode patch = response.path("response").get("patch");
        if (patch == null || patch.isNull()) {
            return null;
        }
        try {
            return (ArrayNode) MAPPER.readTree(Base64.getDecoder().decode(patch.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies {@code patch} with zjsonpatch, an RFC 6902 implementation independent of the code under test. */
    public static JsonNode apply(ArrayNode patch, JsonNode document) {
        return patch == null ? document.deepCopy() : JsonPatch.apply(patch, document);
    }

    /** {@code pod} with {@code spec.imagePullSecrets} and the injected annotation as the webhook should leave them. */
    public static ObjectNode expectedPod(JsonNode pod, List<String> pullSecrets, String injectedAnnotation) {
        ObjectNode expected = pod.deepCopy();
        ArrayNode secrets = ((ObjectNode) expected.get("spec")).putArray("imagePullSecrets");
        pullSecrets.forEach(name -> secrets.addObject().put("name", name));
        if (injectedAnnotation != null) {
            JsonNode metadata = expected.get("metadata");
            ObjectNode meta = metadata instanceof ObjectNode m ? m : expected.putObject("metadata");
            JsonNode annotations = meta.get("annotations");
            ObjectNode ann = annotations instanceof ObjectNode a ? a : meta.putObject("annotations");
            ann.put("pull-secret-injector.io/injected", injectedAnnotation);
        }
        return expected;
    }
}
