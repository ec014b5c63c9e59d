package io.pullsecretinjector.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import io.pullsecretinjector.testing.Json;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application's management port, as the kubelet and Prometheus use it: the three health groups are UP
 * and the metrics count admissions and export the serving certificate's expiry.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthAndMetricsIT {

    @ParameterizedTest(name = "{0} is UP")
    @ValueSource(strings = {"/q/health/started", "/q/health/live", "/q/health/ready", "/q/health"})
    void everyHealthGroupIsUp(String path) {
        Webhook.Answer answer = Webhook.get(PackagedServer.management(path));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode health = Json.parse(answer.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountAdmissionsAndExportTheCertificateExpiry() {
        Webhook webhook = new Webhook();
        for (int i = 0; i < 3; i++) {
            assertThat(webhook.post(Json.bytes(Json.read(Path.of("src/test/resources/payloads/typical.json"))))
                    .status()).isEqualTo(200);
        }

        Webhook.Answer metrics = Webhook.get(PackagedServer.management("/q/metrics"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("injector_admissions_total",
                "injector_serving_certificate_expiry_seconds", "injector_secrets_injected_total");
    }
}
