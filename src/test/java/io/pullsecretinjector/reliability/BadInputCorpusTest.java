package io.pullsecretinjector.reliability;

import io.pullsecretinjector.admission.AdmissionHandler;
import io.pullsecretinjector.testing.InjectorTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every body of the bad-input corpus (src/test/resources/bad-input, see its README) plus large ones generated here,
 * posted over HTTPS: each is answered 400 with a Status message, or 200 with a valid allowed response (uid echoed,
 * {@code allowed: true}, any patch applicable to the Pod). Never a 5xx, never a denial, and the server is healthy
 * afterwards. The same check runs against a live server with src/bench/bad-input.sh.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class BadInputCorpusTest {

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("committed bad-input bodies").hasSizeGreaterThanOrEqualTo(60);
        Stream<Arguments> committed = files.stream().map(p -> {
            try {
                return Arguments.of(p.getFileName().toString(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return Stream.concat(committed, generated());
    }

    /** Too large to commit: made here. */
    static Stream<Arguments> generated() {
        byte[] small = resource("/payloads/small.json");
        String review = new String(small, StandardCharsets.UTF_8).strip();
        return Stream.of(
                Arguments.of("generated: valid review padded just over 4 MiB",
                        pad(review, AdmissionHandler.MAX_BODY_BYTES + 1 - small.length)),
                Arguments.of("generated: 6 MiB of spaces", repeat(" ", 6 << 20)),
                Arguments.of("generated: 5 MiB of '['", repeat("[", 5 << 20)),
                Arguments.of("generated: 100,000 levels of nesting in a skipped field",
                        review.replace("\"status\":{}", "\"status\":" + "[".repeat(100_000) + "]".repeat(100_000))
                                .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("generated: 300,000 numbers in a skipped array",
                        review.replace("\"status\":{}", "\"status\":[" + "1,".repeat(299_999) + "1]")
                                .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("generated: 40,000 containers", containers(review, 40_000)),
                Arguments.of("generated: 3 MiB image string", review.replace("\"image\":\"nginx\"",
                        "\"image\":\"" + "a".repeat(3 << 20) + "\"").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("generated: 200,000 annotations", review.replace("\"metadata\":{",
                        "\"metadata\":{\"annotations\":{" + annotations(200_000) + "},")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answeredWith400OrAllowed(String name, byte[] body) throws IOException {
        Response response = RestAssured.given().relaxedHTTPSValidation()
                .contentType("application/json")
                .body(body)
                .post(mutate);
        BadInputVerdict.check(name, body, response.statusCode(), response.asByteArray());
    }

    @Test
    void serverHealthyAfterwards() throws IOException, URISyntaxException {
        // Run every corpus body once more, then ask for readiness: the order of test methods does not matter.
        corpus().limit(200).forEach(a -> {
            Object[] args = a.get();
            Response r = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                    .body((byte[]) args[1]).post(mutate);
            assertThat(r.statusCode()).as((String) args[0]).isLessThan(500);
        });
        Response health = RestAssured.given().get(ready);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.asString()).contains("\"status\": \"UP\"");
    }

    private static byte[] resource(String name) {
        try (var in = BadInputCorpusTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] pad(String review, int bytes) {
        return review.replace("\"status\":{}", "\"status\":{\"padding\":\"" + "x".repeat(Math.max(0, bytes)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(String s, int times) {
        byte[] b = new byte[times * s.length()];
        Arrays.fill(b, (byte) s.charAt(0));
        return b;
    }

    private static byte[] containers(String review, int n) {
        StringBuilder list = new StringBuilder("\"containers\":[");
        for (int i = 0; i < n; i++) {
            list.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i)
                    .append("\",\"image\":\"registry.example.com/app:").append(i).append("\"}");
        }
        return review.replaceFirst("\"containers\":\\[", list + ",").getBytes(StandardCharsets.UTF_8);
    }

    private static String annotations(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
        }
        return s.toString();
    }
}
