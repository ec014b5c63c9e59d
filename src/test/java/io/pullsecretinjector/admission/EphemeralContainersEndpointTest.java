package io.pullsecretinjector.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl debug}: an UPDATE of {@code pods/ephemeralcontainers} over HTTPS is never patched, and is warned
 * about when an added ephemeral container's image needs a secret the Pod does not list.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
@QuarkusTestResource(TestCertificates.class)
class EphemeralContainersEndpointTest {

    private static final String TOOLS = "registry.example.com/tools:1";
    private static final String NEEDS_REGCRED = "pull-secret-injector: ephemeral container debugger image "
            + TOOLS + " needs imagePullSecrets regcred, which this Pod does not list; imagePullSecrets cannot change "
            + "after creation: recreate the Pod or pull the image without credentials";

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("a debug image whose secret the Pod lacks is warned about",
                        debug(pod(), TOOLS, pod()), List.of(NEEDS_REGCRED)),
                Arguments.of("a debug image whose secret the Pod lists gets no warning",
                        debug(pod("regcred"), TOOLS, pod("regcred")), List.of()),
                Arguments.of("a debug image no rule matches gets no warning",
                        debug(pod(), "busybox.example.org/busybox:1", pod()), List.of()),
                Arguments.of("an ephemeral container the old Pod already had is not warned about again",
                        debug(pod(), TOOLS, withDebugger(pod(), TOOLS)), List.of()),
                Arguments.of("without oldObject every ephemeral container is checked",
                        debug(pod(), TOOLS, null), List.of(NEEDS_REGCRED)),
                Arguments.of("an UPDATE of the Pod itself is not checked",
                        subResource(debug(pod(), TOOLS, pod()), null), List.of()),
                Arguments.of("an UPDATE of another subresource is not checked",
                        subResource(debug(pod(), TOOLS, pod()), "status"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void ephemeralContainerUpdatesAreWarnedNeverPatched(String name, ObjectNode review, List<String> warnings) {
        Response response = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                .body(Json.bytes(review)).post(mutate.toString() + "?timeout=5s");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = Json.parse(response.asString()).get("response");
        assertThat(answer.get("allowed").asBoolean()).isTrue();
        assertThat(answer.has("patch")).as("never a patch").isFalse();
        assertThat(answer.has("auditAnnotations")).isFalse();
        List<String> got = new ArrayList<>();
        answer.path("warnings").forEach(w -> got.add(w.asText()));
        assertThat(got).isEqualTo(warnings);
    }

    /** The review kubectl debug causes: the Pod with {@code debugger} added, and the Pod before. */
    private static ObjectNode debug(ObjectNode pod, String image, ObjectNode oldPod) {
        ObjectNode review = Reviews.podCreate("team-a", withDebugger(pod, image));
        ObjectNode request = Reviews.request(review);
        request.put("operation", "UPDATE").put("subResource", "ephemeralcontainers").put("name", "web-0");
        request.put("requestSubResource", "ephemeralcontainers");
        request.set("oldObject", oldPod);
        request.putObject("options").put("kind", "UpdateOptions").put("apiVersion", "meta.k8s.io/v1");
        return review;
    }

    private static ObjectNode subResource(ObjectNode review, String subResource) {
        if (subResource == null) {
            Reviews.request(review).remove(List.of("subResource", "requestSubResource"));
        } else {
            Reviews.request(review).put("subResource", subResource).put("requestSubResource", subResource);
        }
        return review;
    }

    /** A running Pod of a registry.example.com image (which needs regcred), listing {@code pullSecrets}. */
    private static ObjectNode pod(String... pullSecrets) {
        ObjectNode pod = Reviews.pod("nginx:1.25");
        ((ObjectNode) pod.get("metadata")).put("name", "web-0");
        var list = ((ObjectNode) pod.get("spec")).putArray("imagePullSecrets");
        for (String secret : pullSecrets) {
            list.addObject().put("name", secret);
        }
        return pod;
    }

    private static ObjectNode withDebugger(ObjectNode pod, String image) {
        ObjectNode copy = pod.deepCopy();
        ((ObjectNode) copy.get("spec")).putArray("ephemeralContainers").addObject().put("name", "debugger")
                .put("image", image).put("stdin", true).put("tty", true);
        return copy;
    }
}
