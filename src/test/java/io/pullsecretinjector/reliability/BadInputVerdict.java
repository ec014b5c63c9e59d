package io.pullsecretinjector.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What an answer to any body must be: 400 with a {@code Status} message, or 200 with {@code allowed: true}, the
 * request's uid echoed and a patch (if any) that applies to the Pod of the request. Shared by the corpus test and the
 * handler fuzz test; src/bench/bad-input.sh applies the same rules to a live server.
 */
final class BadInputVerdict {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BadInputVerdict() {
    }

    static void check(String name, byte[] request, int status, byte[] answer) {
        assertThat(status).as("%s: HTTP status", name).isIn(200, 400);
        JsonNode body;
        try {
            body = MAPPER.readTree(answer);
        } catch (IOException e) {
            fail("%s: answer is not JSON: %s", name, new String(answer, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        if (status == 400) {
            assertThat(body.path("kind").asText()).as("%s: 400 body kind", name).isEqualTo("Status");
            assertThat(body.path("code").asInt()).as("%s: 400 body code", name).isEqualTo(400);
            assertThat(body.path("message").asText()).as("%s: 400 message", name).isNotBlank();
            return;
        }
        JsonNode response = body.path("response");
        assertThat(body.path("kind").asText()).as("%s: kind", name).isEqualTo("AdmissionReview");
        assertThat(body.path("apiVersion").asText()).as("%s: apiVersion", name)
                .isIn("admission.k8s.io/v1", "admission.k8s.io/v1beta1");
        assertThat(response.path("allowed").asBoolean(false)).as("%s: allowed", name).isTrue();
        assertThat(response.path("uid").asText()).as("%s: uid", name).isNotEmpty();
        JsonNode parsedRequest = lenient(request);
        if (parsedRequest != null && parsedRequest.path("request").path("uid").isTextual()) {
            assertThat(response.path("uid").asText()).as("%s: uid echoed", name)
                    .isEqualTo(parsedRequest.path("request").path("uid").asText());
        }
        assertThat(response.has("patch")).as("%s: patch and patchType together", name)
                .isEqualTo(response.has("patchType"));
        if (response.has("patch")) {
            assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
            JsonNode patch;
            try {
                patch = MAPPER.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
            } catch (IOException e) {
                fail("%s: patch is not JSON", name);
                return;
            }
            assertThat(patch.isArray()).as("%s: patch is an array", name).isTrue();
            if (parsedRequest != null && parsedRequest.path("request").path("object").isObject()) {
                JsonNode pod = parsedRequest.path("request").path("object");
                JsonNode patched = JsonPatch.apply(patch, pod); // throws if it does not apply
                assertThat(patched.path("spec").path("imagePullSecrets").isArray())
                        .as("%s: patched Pod has imagePullSecrets", name).isTrue();
            }
        }
    }

    /** The request as Jackson reads it (last duplicate key wins, like the webhook), or null if it cannot. */
    private static JsonNode lenient(byte[] request) {
        try {
            return MAPPER.readTree(request);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
