package io.pullsecretinjector.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.TestCertificates;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP edge of {@code POST /mutate} as quarkus-rest serves it: what the API server sends is answered whatever the
 * labels on it say, bodies are read however they are framed, the size limit is a 413, and a caller that has given
 * up gets no work done for it and never a denial.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class EndpointProtocolTest {

    private static final long OVER_THE_LIMIT = 17L * 1024 * 1024;   // quarkus.http.limits.max-body-size is 16M

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private final HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.trustingAll())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    static Stream<Arguments> acceptedRequests() {
        return Stream.of(
                Arguments.of("a review labelled text/plain is read as JSON", "text/plain", null, false, false),
                Arguments.of("a review with no content type is read as JSON", null, null, false, false),
                Arguments.of("the API server's Accept header gets JSON", "application/json",
                        "application/json, */*", false, false),
                Arguments.of("a chunked body is read whole", "application/json", null, true, false),
                Arguments.of("Expect: 100-continue is answered and the body read", "application/json", null, false,
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedRequests")
    void aReviewIsAnsweredHoweverItIsLabelledOrFramed(String name, String contentType, String accept,
                                                      boolean chunked, boolean expectContinue) throws Exception {
        byte[] review = Json.bytes(Reviews.podCreate("team-a", Reviews.pod("registry.example.com/app")));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mutate + "?timeout=10s"))
                .expectContinue(expectContinue)
                .POST(chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(review))
                        : HttpRequest.BodyPublishers.ofByteArray(review));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }

        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode answer = Json.parse(response.body());
        assertThat(answer.at("/response/allowed").asBoolean()).isTrue();
        assertThat(Json.patchOf(answer)).isNotNull();
    }

    @Test
    void aBodyThatIsNotJsonGetsAPrecise400WhateverItsContentType() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mutate.toString()))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<review/>")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).get("message").asText()).contains("not valid JSON");
    }

    @Test
    void aBodyDeclaredOverTheLimitIs413BeforeItIsSent() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mutate.toString()))
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) OVER_THE_LIMIT])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyGrowingOverTheLimitIsRefused() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(mutate.toString()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(OVER_THE_LIMIT))).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
        } catch (java.io.IOException | InterruptedException e) {
            // The server answers 413 and closes while the client is still sending: the client may see only the
            // reset. Either way the body was refused, not answered 200 or 400.
            assertThat(e).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void aRequestWhoseTimeoutHasPassedIsAnswered503NeverDeniedAndCounted() throws Exception {
        double before = value("injector_admissions_abandoned_total\\{reason=\"deadline\"}");
        byte[] review = Json.bytes(Reviews.podCreate("team-a", Reviews.pod("registry.example.com/app")));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mutate + "?timeout=1ns"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("allowed");
        assertThat(value("injector_admissions_abandoned_total\\{reason=\"deadline\"}")).isEqualTo(before + 1);
    }

    @Test
    void anUnreadableTimeoutIsNoReasonToRefuseWork() throws Exception {
        byte[] review = Json.bytes(Reviews.podCreate("team-a", Reviews.pod("registry.example.com/app")));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mutate + "?timeout=soon"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatRefusesJsonIsTold406() throws Exception {
        // The API server always accepts JSON ("application/json, */*"); the resource produces nothing else.
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mutate.toString()))
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(406);
    }

    private double value(String series) {
        String text = RestAssured.get(metrics).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + series + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }


    /** {@code size} zero bytes, without holding them. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
