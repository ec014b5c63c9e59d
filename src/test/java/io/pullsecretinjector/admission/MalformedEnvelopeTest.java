package io.pullsecretinjector.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that is not an AdmissionReview gets HTTP 400 with a message saying what is wrong (the API server then
 * applies failurePolicy), and the next good request is still served.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class MalformedEnvelopeTest {

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("an empty body", "", "empty body"),
                Arguments.of("a body that is not JSON", "hello", "not valid JSON"),
                Arguments.of("truncated JSON", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Adm", "not valid JSON"),
                Arguments.of("a JSON array", "[]", "not a JSON object"),
                Arguments.of("a JSON string", "\"AdmissionReview\"", "not a JSON object"),
                Arguments.of("an object that is no AdmissionReview", "{\"hello\":\"world\"}", "not an AdmissionReview"),
                Arguments.of("another kind", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}", "kind is \"Pod\""),
                Arguments.of("an unknown apiVersion", review("admission.k8s.io/v2", "{\"uid\":\"u\"}"),
                        "unsupported apiVersion"),
                Arguments.of("no request", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
                        "no request"),
                Arguments.of("a null request", review("admission.k8s.io/v1", "null"), "no request"),
                Arguments.of("a request that is a list", review("admission.k8s.io/v1", "[]"),
                        "request must be an object"),
                Arguments.of("no uid", review("admission.k8s.io/v1", "{\"operation\":\"CREATE\"}"), "no uid"),
                Arguments.of("an empty uid", review("admission.k8s.io/v1", "{\"uid\":\"\"}"), "no uid"),
                Arguments.of("a numeric uid", review("admission.k8s.io/v1", "{\"uid\":42}"),
                        "request.uid must be a string"),
                Arguments.of("a numeric apiVersion", "{\"apiVersion\":1,\"kind\":\"AdmissionReview\"}",
                        "apiVersion must be a string"),
                Arguments.of("trailing content after the object",
                        review("admission.k8s.io/v1", "{\"uid\":\"u\"}") + " {}", "after the AdmissionReview"),
                Arguments.of("a body over 4 MiB", oversized(), "over the limit"));
    }

    @ParameterizedTest(name = "{0} is answered 400 with a message")
    @MethodSource("malformedBodies")
    void rejectsMalformedEnvelopes(String name, String body, String message) {
        Response response = RestAssured.given().relaxedHTTPSValidation()
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(mutate);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode status = Json.parse(response.asString());
        assertThat(status.get("kind").asText()).isEqualTo("Status");
        assertThat(status.get("code").asInt()).isEqualTo(400);
        assertThat(status.get("message").asText()).contains(message);

        Response next = RestAssured.given().relaxedHTTPSValidation()
                .contentType("application/json")
                .body(Json.bytes(Reviews.podCreate("team-a", Reviews.pod("registry.example.com/app"))))
                .post(mutate);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(Json.patchOf(Json.parse(next.asString()))).isNotNull();
    }

    private static String review(String apiVersion, String request) {
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"AdmissionReview\",\"request\":" + request + "}";
    }

    private static String oversized() {
        char[] padding = new char[AdmissionHandler.MAX_BODY_BYTES];
        Arrays.fill(padding, 'x');
        return review("admission.k8s.io/v1", "{\"uid\":\"u\",\"padding\":\"" + new String(padding) + "\"}");
    }
}
