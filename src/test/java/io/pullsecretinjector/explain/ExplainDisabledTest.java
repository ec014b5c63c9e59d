package io.pullsecretinjector.explain;

import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code injector.explain.enabled=false} the explain endpoints do not exist; health is unaffected. */
@QuarkusTest
@TestProfile(ExplainDisabledTest.Profile.class)
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = true)
class ExplainDisabledTest {

    public static class Profile extends InjectorTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("injector.explain.enabled", "false");
            return config;
        }
    }

    @TestHTTPResource(value = "/injector/explain", management = true)
    URL explain;
    @TestHTTPResource(value = "/injector/rules", management = true)
    URL rules;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void everyExplainEndpointIsA404() {
        assertThat(RestAssured.given().get(rules).statusCode()).isEqualTo(404);
        assertThat(RestAssured.given().queryParam("image", "nginx").get(explain).statusCode()).isEqualTo(404);
        assertThat(RestAssured.given().contentType("application/json").body("{\"kind\":\"Pod\"}").post(explain)
                .statusCode()).isEqualTo(404);
        assertThat(RestAssured.given().get(ready).statusCode()).isEqualTo(200);
    }
}
