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
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code injector.tls.engine=boringssl}: BoringSSL serves the webhook, the handshake's signature made in Java on the
 * handshake threads with the served key, and the answer is the same as with the JDK's engine.
 */
@QuarkusTest
@TestProfile(BoringSslEngineTest.BoringSslEngine.class)
class BoringSslEngineTest {

    public static class BoringSslEngine extends InjectorTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("injector.tls.engine", "boringssl");
            return config;
        }
    }

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void boringSslHandshakesOnTheHandshakeThreadsWithTheServedCertificateAndSaysSo() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestCertificates.trustingAll().getSocketFactory()
                .createSocket(mutate.getHost(), mutate.getPort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            // The client checked the CertificateVerify signature against this certificate's key.
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(served.getSubjectX500Principal().getName()).isNotEmpty();
        }

        String scrape = RestAssured.get(metrics).then().statusCode(200).extract().asString();
        assertThat(scrape).contains("injector_tls_engine{engine=\"boringssl\"} 1.0");
        assertThat(scrape).containsPattern("(?m)^injector_tls_handshakes_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void aReviewIsAnsweredOverBoringSsl() {
        String review = """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-1",
                 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
                 "operation":"CREATE","namespace":"team-a","object":{"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"registry.example.com/app:1"}]}}}}
                """;

        String answer = RestAssured.given().relaxedHTTPSValidation().contentType("application/json").body(review)
                .post(mutate).then().statusCode(200).extract().asString();

        assertThat(answer).contains("\"uid\":\"u-1\"").contains("\"allowed\":true").contains("\"patch\"");
    }
}
