package io.pullsecretinjector.certificates;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pullsecretinjector.cluster.ApiConnection;
import io.pullsecretinjector.events.EventRecorder;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The managed-certificate controller of one replica. Every replica watches the two Secrets and the webhook
 * configuration (informers narrowed by a {@code metadata.name} field selector, as RBAC with {@code resourceNames}
 * requires) and hands the serving Secret's pair to {@code onServingSecret}. Only while {@code leading} does it write,
 * one {@link CertificatePlanner} step at a time, through {@link CertificateWrites} (optimistic concurrency; the next
 * step is planned from what a write returned or, after a conflict, from a re-read).
 * Triggered by any change of the three objects (so a reset bundle is restored within a second), by gaining the
 * lead, and by a timer at the next renewal or CA expiry.
 */
public final class CertificateController {

    static final String REASON_REPLACED = "ManagedCertificateReplaced";
    private static final Logger LOG = Logger.getLogger(CertificateController.class);
    private static final long COALESCE_MILLIS = 100;
    private static final long RETRY_MILLIS = 5_000;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final int MAX_STEPS_PER_PASS = 12;

    private final KubernetesClient client;
    private final ManagedTlsSettings settings;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final EventRecorder events;
    private final CertificateIssuer issuer = new CertificateIssuer();
    private final ApiConnection connection = new ApiConnection();
    private final SharedIndexInformer<Secret> caInformer;
    private final SharedIndexInformer<Secret> servingInformer;
    private final SharedIndexInformer<MutatingWebhookConfiguration> webhookInformer;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final CertificateWrites writes;
    private final AtomicLong settledPasses = new AtomicLong();
    /** resourceVersions already reported as unusable: one Event and one log line per bad Secret version. */
    private final Set<String> reported = new HashSet<>();
    private ScheduledFuture<?> timer;

    public CertificateController(KubernetesClient client, ManagedTlsSettings settings, Clock clock,
                                 BooleanSupplier leading, EventRecorder events, Consumer<Secret> onServingSecret,
                                 long resyncMillis) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.leading = leading;
        this.events = events;
        this.writes = new CertificateWrites(client, settings);
        this.caInformer = secretInformer(settings.caSecret(), resyncMillis);
        this.servingInformer = secretInformer(settings.servingSecret(), resyncMillis);
        this.webhookInformer = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withField("metadata.name", settings.webhookConfiguration())
                .runnableInformer(resyncMillis).exceptionHandler(connection::retryAfter);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "managed-certificates");
            thread.setDaemon(true);
            return thread;
        });
        caInformer.addEventHandler(handler(settings.caSecret(), secret -> trigger()));
        servingInformer.addEventHandler(handler(settings.servingSecret(), secret -> {
            if (secret != null) {
                onServingSecret.accept(secret);
            }
            trigger();
        }));
        webhookInformer.addEventHandler(handler(settings.webhookConfiguration(), configuration -> trigger()));
    }

    public void start() {
        caInformer.start();
        servingInformer.start();
        webhookInformer.start();
        trigger();
    }

    public void stop() {
        executor.shutdownNow();
        caInformer.stop();
        servingInformer.stop();
        webhookInformer.stop();
    }

    /** Reconciles soon (coalesced); call when the lead is gained, or when the clock was moved. */
    public void trigger() {
        if (pending.compareAndSet(false, true)) {
            schedule(COALESCE_MILLIS);
        }
    }

    /** Writes by this instance (Secrets and patches) since it started. */
    public long writes() {
        return writes.count();
    }

    /** Passes, as leader, that ended with everything correct (nothing left to write). */
    public long settledPasses() {
        return settledPasses.get();
    }

    /** The webhook configuration as last seen, if it exists. */
    public Optional<MutatingWebhookConfiguration> webhookConfiguration() {
        return Optional.ofNullable(webhookInformer.getStore().getByKey(settings.webhookConfiguration()));
    }

    /** The serving Secret as last seen, if it exists. */
    public Optional<Secret> servingSecret() {
        return Optional.ofNullable(cachedSecret(servingInformer, settings.servingSecret()));
    }

    public boolean synced() {
        return caInformer.hasSynced() && servingInformer.hasSynced() && webhookInformer.hasSynced();
    }

    /** The caBundle of each webhook of the configuration; empty if it does not exist. */
    static Optional<List<CaBundle>> bundles(MutatingWebhookConfiguration configuration) {
        if (configuration == null) {
            return Optional.empty();
        }
        List<MutatingWebhook> webhooks = Optional.ofNullable(configuration.getWebhooks()).orElse(List.of());
        return Optional.of(webhooks.stream().map(webhook -> CaBundle.fromBase64(
                webhook.getClientConfig() == null ? null : webhook.getClientConfig().getCaBundle())).toList());
    }

    private void schedule(long delayMillis) {
        if (!executor.isShutdown()) {
            executor.schedule(this::reconcileQuietly, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void reconcileQuietly() {
        pending.set(false);
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warnf("Managed certificates: pass failed, retrying in %d s: %s", RETRY_MILLIS / 1000, describe(e));
            schedule(RETRY_MILLIS);
        }
    }

    private void reconcile() {
        if (!leading.getAsBoolean()) {
            return;
        }
        if (!synced()) {
            schedule(RETRY_MILLIS / 5);
            return;
        }
        Secret ca = cachedSecret(caInformer, settings.caSecret());
        Secret serving = cachedSecret(servingInformer, settings.servingSecret());
        MutatingWebhookConfiguration webhook = webhookConfiguration().orElse(null);
        for (int step = 0; step < MAX_STEPS_PER_PASS && leading.getAsBoolean(); step++) {
            Instant now = clock.instant();
            StoredPair storedCa = StoredPair.read(ca);
            StoredPair storedServing = StoredPair.read(serving);
            CertificatePlanner.Step next = CertificatePlanner.next(storedCa, storedServing, bundles(webhook),
                    settings.dnsNames(), now);
            if (next instanceof CertificatePlanner.Wait wait) {
                waitUntil(wait.until(), now);
                settledPasses.incrementAndGet();
                return;
            } else if (next instanceof CertificatePlanner.IssueCa issue) {
                reportUnusable(ca, storedCa, "CA");
                KeyPairCertificate newCa = issuer.issueCa(now);
                CertificateWrites.Written written = writes.write(ca, settings.caSecret(), newCa, issue.keep().with(newCa.certificate()));
                if (written.ours()) {
                    LOG.infof("Managed certificates: issued a new CA into Secret %s/%s (%s): %s",
                            settings.namespace(), settings.caSecret(), issue.reason(), newCa);
                }
                ca = written.secret();
            } else if (next instanceof CertificatePlanner.Trust trust) {
                CertificateWrites.Written written = writes.write(ca, settings.caSecret(), storedCa.pair(), trust.bundle());
                if (written.ours()) {
                    LOG.infof("Managed certificates: Secret %s/%s now lists %s", settings.namespace(),
                            settings.caSecret(), trust.bundle());
                }
                ca = written.secret();
            } else if (next instanceof CertificatePlanner.PatchWebhooks patch) {
                webhook = writes.patchBundles(webhook, patch.bundle());
            } else if (next instanceof CertificatePlanner.IssueServing issue) {
                reportUnusable(serving, storedServing, "serving");
                KeyPairCertificate certificate = issuer.issueServing(storedCa.pair(), settings.dnsNames(), now);
                CertificateWrites.Written written = writes.write(serving, settings.servingSecret(), certificate,
                        new CaBundle(List.of(storedCa.certificate())));
                if (written.ours()) {
                    LOG.infof("Managed certificates: issued a new serving certificate into Secret %s/%s (%s): %s",
                            settings.namespace(), settings.servingSecret(), issue.reason(), certificate);
                }
                serving = written.secret();
            }
        }
        // Out of steps (someone keeps changing the objects) or no longer leading: look again later.
        schedule(RETRY_MILLIS);
    }

    private void waitUntil(Instant until, Instant now) {
        Duration wait = Duration.between(now, until);
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            // Re-checked at least hourly: a suspended VM or a moved clock is noticed within the hour.
            wait = LONGEST_WAIT;
        }
        long millis = Math.max(1_000, wait.toMillis());
        synchronized (this) {
            if (timer != null) {
                timer.cancel(false);
            }
            if (!executor.isShutdown()) {
                timer = executor.schedule(this::reconcileQuietly, millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void reportUnusable(Secret secret, StoredPair stored, String what) {
        if (secret == null || stored.state() != StoredPair.State.UNUSABLE) {
            return;
        }
        String key = secret.getMetadata().getName() + "@" + secret.getMetadata().getResourceVersion();
        if (!reported.add(key)) {
            return;
        }
        String message = String.format("The %s Secret %s/%s cannot be used (%s); replacing it with a new %s",
                what, settings.namespace(), secret.getMetadata().getName(), stored.problem(),
                "CA".equals(what) ? "CA" : "serving certificate");
        LOG.warn(message);
        events.warn(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Secret")
                .withNamespace(settings.namespace()).withName(secret.getMetadata().getName())
                .withUid(secret.getMetadata().getUid()).build(), REASON_REPLACED, message);
    }

    private SharedIndexInformer<Secret> secretInformer(String name, long resyncMillis) {
        return client.secrets().inNamespace(settings.namespace()).withField("metadata.name", name)
                .runnableInformer(resyncMillis).exceptionHandler(connection::retryAfter);
    }

    private Secret cachedSecret(SharedIndexInformer<Secret> informer, String name) {
        return informer.getStore().getByKey(settings.namespace() + "/" + name);
    }

    /** Handles events for the object named {@code name} only (a server may ignore the field selector). */
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> handler(
            String name, Consumer<T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                if (name.equals(object.getMetadata().getName())) {
                    changed.accept(object);
                }
            }

            @Override
            public void onUpdate(T before, T after) {
                if (name.equals(after.getMetadata().getName())) {
                    changed.accept(after);
                }
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                if (name.equals(object.getMetadata().getName())) {
                    changed.accept(null);
                }
            }
        };
    }

    private static String describe(Throwable e) {
        if (e instanceof KubernetesClientException k) {
            return "HTTP " + k.getCode() + (k.getStatus() == null ? "" : ": " + k.getStatus().getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
