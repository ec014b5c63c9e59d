package io.pullsecretinjector.cluster;

import io.pullsecretinjector.admission.AdmissionHandler;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.caches.CacheHealthCheck;
import io.pullsecretinjector.testing.ClusterTestProfile;
import io.pullsecretinjector.testing.LogCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.NamespaceDirectory.OptIn;
import io.pullsecretinjector.injection.RegistryRules;
import io.pullsecretinjector.injection.SecretDirectory;
import io.pullsecretinjector.injection.SecretDirectory.Presence;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API server is a closed port: the application starts, every lookup answers at once (UNKNOWN, static rules),
 * admission works from the static map, readiness stays UP, and the outage is logged once, not once per retry.
 */
@QuarkusTest
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = true)
@TestProfile(UnreachableApiTest.Profile.class)
class UnreachableApiTest {

    public static class Profile extends ClusterTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            var config = new java.util.HashMap<>(super.getConfigOverrides());
            config.put("quarkus.kubernetes-client.api-server-url", "https://127.0.0.1:1");
            config.put("quarkus.kubernetes-client.request-retry-backoff-limit", "0");
            return config;
        }
    }

    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    @Inject
    NamespaceDirectory namespaces;
    @Inject
    SecretDirectory secrets;
    @Inject
    RegistryRules rules;
    @Inject
    ClusterCaches caches;
    @Inject
    MeterRegistry meters;
    @Inject
    @Readiness
    CacheHealthCheck health;

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @Test
    void lookupsAnswerFromWhatIsKnownWithoutWaitingForTheApiServer() {
        // Plain synchronous calls: a lookup that waited for the API server would hang here. How fast admission is
        // with the API unreachable is measured by the benchmark (src/bench), not asserted in a unit test.
        assertThat(namespaces.optIn("team-a")).isEqualTo(OptIn.UNKNOWN);
        assertThat(secrets.presence("team-a", "regcred")).isEqualTo(Presence.UNKNOWN);
        assertThat(rules.current().rules()).extracting(RegistryRule::origin).containsOnly("config");
        assertThat(rules.current().matching("static.example.com/app")).hasSize(1);
    }

    @Test
    void admissionUsesTheStaticMap() {
        JsonNode review = Reviews.podCreate("team-a", Reviews.pod("static.example.com/app:1"));
        String body = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                .body(review.toString()).post(mutate.toString() + "?timeout=5s")
                .then().statusCode(200).extract().asString();
        JsonNode response = Json.parse(body).get("response");
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(response.get("patch").asText()))).contains("static-cred");
    }

    @Test
    void anOwnerEventThatCannotBeWrittenIsDroppedAndCountedWhileAdmissionAnswers() {
        double dropped = meters.get(KubeMetrics.EVENTS_DROPPED).tag("reason", "api_error").counter().count();
        var pod = Reviews.pod("Static.Example.com/App");
        ((ObjectNode) pod.get("metadata")).putArray("ownerReferences").addObject()
                .put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", "web-7d4b9c")
                .put("uid", "uid-web").put("controller", true);

        String body = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                .body(Reviews.podCreate("team-a", pod).toString()).post(mutate.toString() + "?timeout=5s")
                .then().statusCode(200).extract().asString();

        assertThat(Json.parse(body).at("/response/warnings/0").asText()).contains("not a valid image reference");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                meters.get(KubeMetrics.EVENTS_DROPPED).tag("reason", "api_error").counter().count() > dropped);
    }

    @Test
    void readinessStaysUpAndReportsTheCachesBehind() {
        await().atMost(Duration.ofSeconds(10)).until(() -> "unreachable".equals(data().get("api")));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data()).containsEntry("namespaces", "behind").containsEntry("secrets", "behind")
                .containsEntry("leader", false);
    }

    @Test
    void theOutageIsLoggedOnceWhileTheInformersKeepRetrying() {
        // fabric8 backs off 1 s, 2 s, 4 s...: within 5 s every informer has retried at least twice.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() ->
                logs.records().stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                        .filter(r -> r.getLoggerName().startsWith("io.fabric8")
                                || r.getLoggerName().startsWith("io.pullsecretinjector"))
                        // The warning about the Pod another test admits with an invalid image is not about the API.
                        .filter(r -> !r.getLoggerName().equals(AdmissionHandler.class.getName())).count() <= 1);
        // ...and they did retry: one initial failure per informer (3) plus retries.
        assertThat(caches.apiFailures()).isGreaterThan(3);
    }

    private Map<String, Object> data() {
        return health.call().getData().orElseThrow();
    }
}
