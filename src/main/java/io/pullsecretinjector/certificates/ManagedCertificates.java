package io.pullsecretinjector.certificates;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.events.EventRecorder;
import io.pullsecretinjector.leader.Leadership;
import io.pullsecretinjector.tls.InvalidServingCertificateException;
import io.pullsecretinjector.tls.ServingCertificate;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code injector.tls.mode=managed}: this replica's {@link CertificateController}, writing while this replica holds
 * the one Lease of {@link Leadership}, and the hand-over of the serving Secret's pair to the HTTPS server
 * ({@link ServingCertificate#serve}): no volume, no restart, and established connections keep their certificate.
 * Does nothing in {@code files} mode.
 */
@Singleton
public class ManagedCertificates {

    private static final Logger LOG = Logger.getLogger(ManagedCertificates.class);

    private final ServingCertificate servingCertificate;
    private final Clock clock;
    private final ManagedTlsSettings settings;
    private final Optional<CertificateController> controller;

    public ManagedCertificates(InjectorConfig config, Leadership leadership, Instance<KubernetesClient> clients,
                               @Identifier(ServingCertificate.TLS_CONFIGURATION) ServingCertificate servingCertificate,
                               Clock clock) {
        this.servingCertificate = servingCertificate;
        this.clock = clock;
        this.settings = ManagedTlsSettings.from(config);
        boolean managed = ConfiguredRules.managedTls(config) && config.cluster().enabled();
        this.controller = managed ? Optional.of(new CertificateController(clients.get(), settings, clock,
                leadership::leading, new EventRecorder(clients.get(), config.sync().identity()), this::serve,
                config.cluster().resyncPeriod().toMillis())) : Optional.empty();
        controller.ifPresent(c -> leadership.election().ifPresent(election -> election.onChange(c::trigger, () -> { })));
    }

    void start(@Observes StartupEvent event) {
        controller.ifPresent(CertificateController::start);
    }

    void stop(@Observes ShutdownEvent event) {
        controller.ifPresent(CertificateController::stop);
    }

    public boolean managed() {
        return controller.isPresent();
    }

    /** The running controller, for tests that move the clock or watch its writes. */
    public Optional<CertificateController> controller() {
        return controller;
    }

    /**
     * Whether the served certificate chains to a CA in the caBundle of every webhook of the configuration: what the
     * API server needs to call this replica. Read from the caches; no API call.
     */
    public Readiness readiness() {
        CertificateController running = controller.orElseThrow();
        X509Certificate served = servingCertificate.servedCertificate();
        if (!servingCertificate.servingIssuedCertificate()) {
            return new Readiness(false, "Secret " + settings.namespace() + "/" + settings.servingSecret()
                    + " not read yet");
        }
        Optional<List<CaBundle>> bundles = CertificateController.bundles(running.webhookConfiguration().orElse(null));
        if (bundles.isEmpty() || bundles.get().isEmpty()) {
            return new Readiness(false, "MutatingWebhookConfiguration " + settings.webhookConfiguration()
                    + " not found (or has no webhooks)");
        }
        boolean trusted = bundles.get().stream().allMatch(bundle -> bundle.signed(served, clock.instant()));
        return new Readiness(trusted, trusted ? "the caBundle trusts the served certificate"
                : "the caBundle does not hold the CA of the served certificate yet");
    }

    /** Readiness of managed certificates, with a sentence for the health output. */
    public record Readiness(boolean ready, String detail) {
    }

    /** Serves the pair of the serving Secret; an unusable one is left to the leader, who replaces it. */
    private void serve(Secret secret) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String certificate = data.get(StoredPair.CERTIFICATE);
        String key = data.get(StoredPair.KEY);
        String source = "Secret " + settings.namespace() + "/" + settings.servingSecret();
        if (certificate == null || key == null) {
            LOG.debugf("%s has no %s and %s; still serving the previous certificate", source, StoredPair.CERTIFICATE,
                    StoredPair.KEY);
            return;
        }
        try {
            servingCertificate.serve(source, Base64.getDecoder().decode(certificate), Base64.getDecoder().decode(key));
        } catch (InvalidServingCertificateException | IllegalArgumentException e) {
            // The leader logs the one line (and writes the Event) when it replaces the Secret.
            LOG.debugf("%s cannot be served; still serving the previous certificate", source);
        }
    }

}
