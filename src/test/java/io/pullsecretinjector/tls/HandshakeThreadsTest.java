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
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The webhook's TLS handshakes are done by the handshake threads, and counted where an operator can see them. */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class HandshakeThreadsTest {

    private static final Pattern HANDSHAKES = Pattern.compile("(?m)^injector_tls_handshakes_total(?:\\{[^}]*})? (\\S+)$");

    private static final Pattern OPEN = Pattern.compile("(?m)^injector_tls_connections(?:\\{[^}]*})? (\\S+)$");

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void everyNewConnectionIsHandshakenByTheHandshakeThreads() throws Exception {
        double before = handshakes();

        for (int i = 0; i < 3; i++) {
            handshakeOnANewConnection();
        }

        assertThat(handshakes() - before).isEqualTo(3);
        assertThat(scrape()).contains("injector_tls_handshakes_waiting").contains("injector_tls_handshakes_shed_total");
    }

    @Test
    void theWebhookPortIsServedByTheJdkEngineByDefault() {
        assertThat(scrape()).contains("injector_tls_engine{engine=\"jdk\"} 1.0");
    }

    @Test
    void openConnectionsAreCountedUntilTheyClose() throws Exception {
        double before = openConnections();

        try (SSLSocket socket = (SSLSocket) TestCertificates.trustingAll().getSocketFactory().createSocket(mutate.getHost(), mutate.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(openConnections()).isEqualTo(before + 1);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(openConnections()).isEqualTo(before));
    }

    private double openConnections() {
        Matcher m = OPEN.matcher(scrape());
        assertThat(m.find()).as("injector_tls_connections in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private void handshakeOnANewConnection() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestCertificates.trustingAll().getSocketFactory().createSocket(mutate.getHost(), mutate.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(socket.getSession().isValid()).isTrue();
        }
    }

    private double handshakes() {
        Matcher m = HANDSHAKES.matcher(scrape());
        assertThat(m.find()).as("injector_tls_handshakes_total in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private String scrape() {
        return RestAssured.get(metrics).then().statusCode(200).extract().asString();
    }
}
