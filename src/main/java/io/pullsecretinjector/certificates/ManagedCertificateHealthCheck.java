package io.pullsecretinjector.certificates;

import io.pullsecretinjector.tls.ServingCertificate;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@value #NAME}. In managed mode a replica is ready only when the certificate it serves chains to a CA in
 * the webhook configuration's caBundle, so the Service never sends the API server to a replica it cannot trust (a
 * fresh replica still serving its stand-in, or one that read a certificate before the bundle caught up). Always up in
 * files mode. Shows subjects, expiry and fingerprints only.
 */
@Readiness
@Singleton
public class ManagedCertificateHealthCheck implements HealthCheck {

    static final String NAME = "managed-certificate";

    private final ManagedCertificates certificates;
    private final ServingCertificate servingCertificate;

    public ManagedCertificateHealthCheck(ManagedCertificates certificates,
            @Identifier(ServingCertificate.TLS_CONFIGURATION) ServingCertificate servingCertificate) {
        this.certificates = certificates;
        this.servingCertificate = servingCertificate;
    }

    @Override
    public HealthCheckResponse call() {
        if (!certificates.managed()) {
            return HealthCheckResponse.named(NAME).up().withData("mode", "files").build();
        }
        ManagedCertificates.Readiness readiness = certificates.readiness();
        return HealthCheckResponse.named(NAME).status(readiness.ready())
                .withData("mode", "managed")
                .withData("caBundle", readiness.detail())
                .withData("servedCertificate", servingCertificate.servingIssuedCertificate()
                        ? CertificateFacts.describe(servingCertificate.servedCertificate())
                        : "stand-in (no certificate read yet)")
                .build();
    }
}
