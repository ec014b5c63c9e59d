package io.pullsecretinjector.tls;

import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code injector.tls.engine=jdk}: the JDK's TLS serves the webhook, its handshakes still on the handshake threads. */
@QuarkusTest
@TestProfile(JdkEngineTest.JdkEngine.class)
class JdkEngineTest {

    public static class JdkEngine extends InjectorTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("injector.tls.engine", "jdk");
            return config;
        }
    }

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void theJdkEngineHandshakesOnTheHandshakeThreadsAndSaysSo() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestCertificates.trustingAll().getSocketFactory()
                .createSocket(mutate.getHost(), mutate.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }

        String scrape = RestAssured.get(metrics).then().statusCode(200).extract().asString();
        assertThat(scrape).contains("injector_tls_engine{engine=\"jdk\"} 1.0");
        assertThat(scrape).containsPattern("(?m)^injector_tls_handshakes_total(\\{[^}]*})? [1-9]");
    }
}
