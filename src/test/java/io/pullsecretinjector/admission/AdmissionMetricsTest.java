package io.pullsecretinjector.admission;

import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Admissions are counted by outcome, injected secrets by name, and timed, on the management port. */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class AdmissionMetricsTest {

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void eachOutcomeAndEachInjectedSecretIsCounted() {
        double patched = value("injector_admissions_total\\{outcome=\"patched\"}");
        double rejected = value("injector_admissions_total\\{outcome=\"rejected\"}");
        double skipped = value("injector_admissions_total\\{outcome=\"skipped\"}");
        double quay = value("injector_secrets_injected_total\\{secret=\"quay-b\"}");
        double timed = value("injector_admission_duration_seconds_count");

        post(Json.bytes(Reviews.podCreate("team-a", Reviews.pod("quay.io/a/b"))));
        post("not json".getBytes());
        var update = Reviews.podCreate("team-a", Reviews.pod("quay.io/a/b"));
        Reviews.request(update).put("operation", "UPDATE");
        post(Json.bytes(update));

        assertThat(value("injector_admissions_total\\{outcome=\"patched\"}")).isEqualTo(patched + 1);
        assertThat(value("injector_admissions_total\\{outcome=\"rejected\"}")).isEqualTo(rejected + 1);
        assertThat(value("injector_admissions_total\\{outcome=\"skipped\"}")).isEqualTo(skipped + 1);
        assertThat(value("injector_secrets_injected_total\\{secret=\"quay-b\"}")).isEqualTo(quay + 1);
        assertThat(value("injector_admission_duration_seconds_count")).isEqualTo(timed + 3);
    }

    private void post(byte[] body) {
        RestAssured.given().relaxedHTTPSValidation().contentType("application/json").body(body).post(mutate);
    }

    /** The sample's value in the Prometheus text, 0 when the series does not exist yet. */
    private double value(String series) {
        String text = RestAssured.get(metrics).then().log().ifValidationFails().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + series + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
