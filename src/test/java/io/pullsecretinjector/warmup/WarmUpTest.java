package io.pullsecretinjector.warmup;

import io.pullsecretinjector.testing.InjectorTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness waits for the warm-up, and the warm-up's reviews go through the real HTTPS endpoint and are all answered
 * without a patch.
 */
@QuarkusTest
@TestProfile(WarmUpTest.WarmingUp.class)
class WarmUpTest {

    static final int REQUESTS = 40;

    public static class WarmingUp extends InjectorTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("injector.warm-up.requests", String.valueOf(REQUESTS));
            config.put("injector.warm-up.max-duration", "60s");
            return config;
        }
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void readinessTurnsUpOnceEveryWarmUpReviewWasAnsweredThroughTheEndpoint() {
        await().atMost(Duration.ofSeconds(60)).until(() -> RestAssured.get(ready).statusCode() == 200);

        JsonPath health = RestAssured.get(ready).jsonPath();
        List<Map<String, Object>> checks = health.getList("checks");
        Map<String, Object> warmUp = checks.stream().filter(c -> "warm-up".equals(c.get("name"))).findFirst()
                .orElseThrow();
        assertThat(warmUp.get("status")).isEqualTo("UP");
        assertThat(warmUp.get("data").toString()).contains(REQUESTS + " reviews answered, 0 failed");
        String text = RestAssured.get(metrics).asString();
        assertThat(text).contains("injector_admissions_total{outcome=\"unchanged\"} " + (double) REQUESTS);
        assertThat(text).contains("injector_admissions_total{outcome=\"patched\"} 0.0");
    }
}
