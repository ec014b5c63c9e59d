package io.pullsecretinjector.packaged;

import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application re-reads injector.tls.cert and injector.tls.key every reload period (1 s here): new files
 * written by certs/generate.sh, as a rotation does, are served to the next connection without a restart, and admission
 * keeps answering across the swap.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CertificateRotationIT {

    private static final byte[] SMALL_REVIEW = io.pullsecretinjector.testing.Json.bytes(
            io.pullsecretinjector.testing.Json.read(java.nio.file.Path.of("src/test/resources/payloads/small.json")));

    @Test
    void rotatedCertificateFilesAreServedToNewConnectionsWithoutRestart() {
        X509Certificate before = Webhook.servedCertificate();
        assertThat(before).isEqualTo(Webhook.certificateOnDisk());

        TestCertificates.rotate(PackagedServer.CERTS);
        X509Certificate rotated = Webhook.certificateOnDisk();
        assertThat(rotated).isNotEqualTo(before);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(Webhook.postOnNewConnection(SMALL_REVIEW).status()).isEqualTo(200);
            assertThat(Webhook.servedCertificate()).isEqualTo(rotated);
        });
    }
}
