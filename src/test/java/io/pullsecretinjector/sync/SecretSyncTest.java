package io.pullsecretinjector.sync;

import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.caches.PullSecretType;
import io.pullsecretinjector.sources.SourceSecrets;
import io.pullsecretinjector.leader.LeaderElection;
import io.pullsecretinjector.leader.Leadership;
import io.pullsecretinjector.testing.ClusterTestProfile;
import io.pullsecretinjector.testing.LogCapture;
import io.pullsecretinjector.testing.PullSecrets;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.SecretDirectory;
import io.pullsecretinjector.injection.SecretDirectory.Presence;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.Map;

import static io.pullsecretinjector.testing.PullSecrets.INJECTOR_NAMESPACE;
import static io.pullsecretinjector.testing.PullSecrets.namespace;
import static io.pullsecretinjector.testing.PullSecrets.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sync of source secrets into opted-in namespaces, conflicts, and leader election between two candidates. */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = true)
@TestProfile(ClusterTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;
    @Inject
    ClusterCaches caches;
    @Inject
    SourceSecrets sources;
    @Inject
    io.pullsecretinjector.sources.NamespaceSources namespaceSources;
    @Inject
    SyncService sync;
    @Inject
    SecretDirectory secrets;
    @Inject
    MeterRegistry meters;
    @Inject
    Leadership leadership;

    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private Secret copy(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private String document(Secret secret) {
        return PullSecrets.decode(secret.getData().get(".dockerconfigjson"));
    }

    private void awaitLeader() {
        await().atMost(WAIT).until(() -> caches.secretsSynced() && sync.leading());
    }

    @Test
    @Order(1)
    void copiesAreCreatedRotatedAndDeletedWithTheirSource() {
        awaitLeader();
        client.namespaces().resource(namespace("app-1", true)).create();
        client.namespaces().resource(namespace("app-2", false)).create();
        client.secrets().resource(source("regcred", "registry.example.com")).create();

        await().atMost(WAIT).until(() -> copy("app-1", "regcred") != null);
        Secret copy = copy("app-1", "regcred");
        assertThat(copy.getType()).isEqualTo(PullSecretType.DOCKER_CONFIG_JSON.type());
        assertThat(copy.getMetadata().getLabels()).containsEntry(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE);
        assertThat(copy.getMetadata().getAnnotations())
                .containsEntry(InjectorLabels.SOURCE_SECRET, INJECTOR_NAMESPACE + "/regcred");
        assertThat(copy.getData()).isEqualTo(client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("regcred").get().getData());
        assertThat(copy("app-2", "regcred")).isNull();
        assertThat(secrets.presence("app-1", "regcred")).isEqualTo(Presence.AVAILABLE);
        assertThat(secrets.presence("app-2", "regcred")).isEqualTo(Presence.MISSING);

        // Rotation: new credentials in the source reach the copy.
        String rotated = PullSecrets.dockerConfigJson("rotated", "registry.example.com");
        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("regcred").edit(s -> new SecretBuilder(s)
                .withData(Map.of(".dockerconfigjson", PullSecrets.b64(rotated))).build());
        await().atMost(WAIT).until(() -> document(copy("app-1", "regcred")).equals(rotated));

        // A copy deleted by someone comes back.
        client.secrets().inNamespace("app-1").withName("regcred").delete();
        await().atMost(WAIT).until(() -> copy("app-1", "regcred") != null);

        // Source gone: its copies go too.
        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("regcred").delete();
        await().atMost(WAIT).until(() -> copy("app-1", "regcred") == null);
        assertThat(meters.get(KubeMetrics.SYNC_WRITES).tag("action", "create").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get(KubeMetrics.SYNC_WRITES).tag("action", "update").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get(KubeMetrics.SYNC_WRITES).tag("action", "delete").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void optInCreatesCopiesAndOptOutRemovesThem() {
        awaitLeader();
        client.secrets().resource(source("optcred", "opt.example.com")).create();
        client.namespaces().resource(namespace("app-3", false)).create();
        await().atMost(WAIT).until(() -> sources.current().containsKey("optcred"));
        assertThat(copy("app-3", "optcred")).isNull();

        setOptIn("app-3", InjectorLabels.TRUE);
        await().atMost(WAIT).until(() -> copy("app-3", "optcred") != null);

        setOptIn("app-3", InjectorLabels.FALSE);
        await().atMost(WAIT).until(() -> copy("app-3", "optcred") == null);
    }

    @Test
    @Order(2)
    void anAuditNamespaceGetsNoCopiesUntilItOptsIn() {
        awaitLeader();
        client.namespaces().resource(namespace("app-audit", false)).create();
        setOptIn("app-audit", InjectorLabels.AUDIT);
        client.namespaces().resource(namespace("app-true", true)).create();
        await().atMost(WAIT).until(() -> caches.namespace("app-audit").map(ns -> InjectorLabels.AUDIT.equals(
                ns.getMetadata().getLabels().get(InjectorLabels.ENABLED))).orElse(false));
        client.secrets().resource(source("auditcred", "audit.example.com")).create();

        // The pass that copies into app-true knew app-audit already, and left it alone.
        await().atMost(WAIT).until(() -> copy("app-true", "auditcred") != null);
        assertThat(copy("app-audit", "auditcred")).isNull();
        assertThat(secrets.presence("app-audit", "auditcred")).as("audit decides as if opted in")
                .isEqualTo(Presence.AVAILABLE);

        setOptIn("app-audit", InjectorLabels.TRUE);
        await().atMost(WAIT).until(() -> copy("app-audit", "auditcred") != null);
    }

    private void setOptIn(String namespace, String value) {
        client.namespaces().withName(namespace).edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels(InjectorLabels.ENABLED, value).endMetadata().build());
    }

    @Test
    @Order(3)
    void anUnmanagedSecretIsNeverOverwrittenAndTheConflictIsReported() {
        awaitLeader();
        double conflictsBefore = meters.get(KubeMetrics.SYNC_CONFLICTS).counter().count();
        client.namespaces().resource(namespace("app-4", true)).create();
        Secret theirs = PullSecrets.secret("app-4", "sharedcred", PullSecretType.DOCKER_CONFIG_JSON.type(),
                ".dockerconfigjson", PullSecrets.dockerConfigJson("theirs", "registry.example.com"));
        client.secrets().resource(theirs).create();
        client.secrets().resource(source("sharedcred", "shared.example.com")).create();

        await().atMost(WAIT).until(() -> client.v1().events().inNamespace("app-4").list().getItems().stream()
                .anyMatch(e -> SyncReports.REASON_CONFLICT.equals(e.getReason())
                        && "sharedcred".equals(e.getInvolvedObject().getName())));
        assertThat(meters.get(KubeMetrics.SYNC_CONFLICTS).counter().count()).isEqualTo(conflictsBefore + 1);
        Secret still = copy("app-4", "sharedcred");
        assertThat(still.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(document(still)).isEqualTo(PullSecrets.dockerConfigJson("theirs", "registry.example.com"));

        // Deleting the source does not delete their secret either.
        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("sharedcred").delete();
        await().atMost(WAIT).until(() -> !sources.current().containsKey("sharedcred"));
        assertThat(copy("app-4", "sharedcred")).isNotNull();
    }

    @Test
    @Order(4)
    void theManagedCertificateSecretsAreNeverTouchedBySyncThoughTheyCarryTheManagedByLabel() {
        awaitLeader();
        client.namespaces().resource(namespace("app-8", true)).create();
        Secret inTarget = client.secrets().resource(managedTls("app-8", "pull-secret-injector-tls")).create();
        Secret inHome = client.secrets().resource(managedTls(INJECTOR_NAMESPACE, "pull-secret-injector-ca")).create();
        // Sync creates a copy in app-8, then deletes it when its source goes: both passes must leave TLS Secrets be.
        client.secrets().resource(source("neighbour", "neighbour.example.com")).create();
        await().atMost(WAIT).until(() -> copy("app-8", "neighbour") != null);
        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("neighbour").delete();
        await().atMost(WAIT).until(() -> copy("app-8", "neighbour") == null);

        assertThat(copy("app-8", "pull-secret-injector-tls").getMetadata().getResourceVersion())
                .isEqualTo(inTarget.getMetadata().getResourceVersion());
        assertThat(copy(INJECTOR_NAMESPACE, "pull-secret-injector-ca").getMetadata().getResourceVersion())
                .isEqualTo(inHome.getMetadata().getResourceVersion());
    }

    private static Secret managedTls(String namespace, String name) {
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE).endMetadata()
                .withType("kubernetes.io/tls")
                .addToData("tls.crt", PullSecrets.b64("certificate")).addToData("tls.key", PullSecrets.b64("key"))
                .build();
    }

    @Test
    @Order(4)
    void aMalformedSourceIsNotSynced() {
        awaitLeader();
        client.namespaces().resource(namespace("app-5", true)).create();
        client.secrets().resource(PullSecrets.sourceWithDocument("badcred", "{\"auths\":{}}")).create();
        client.secrets().resource(source("fine", "fine.example.com")).create();
        await().atMost(WAIT).until(() -> copy("app-5", "fine") != null);
        await().atMost(WAIT).until(() -> sources.current().containsKey("badcred")
                && !client.v1().events().inNamespace(INJECTOR_NAMESPACE).list().getItems().stream()
                .filter(e -> "badcred".equals(e.getInvolvedObject().getName())).toList().isEmpty());
        assertThat(copy("app-5", "badcred")).isNull();
        assertThat(secrets.presence("app-5", "badcred")).isEqualTo(Presence.MISSING);
    }

    @Test
    @Order(5)
    void onlyTheLeaderWritesAndAnotherCandidateTakesOverWhenItStops() {
        awaitLeader();
        LeaderElection secondElection = new LeaderElection(client, INJECTOR_NAMESPACE, ClusterTestProfile.LEASE,
                "replica-b");
        SecretSync second = new SecretSync(caches, sources, namespaceSources, client, secondElection, true,
                new SimpleMeterRegistry());
        secondElection.start();
        try {
            client.namespaces().resource(namespace("app-6", true)).create();
            client.secrets().resource(source("leadercred", "leader.example.com")).create();
            await().atMost(WAIT).until(() -> copy("app-6", "leadercred") != null);
            assertThat(second.leading()).isFalse();
            assertThat(second.writes()).isZero();
            assertThat(holder()).isEqualTo(ClusterTestProfile.IDENTITY);

            // The first candidate steps down (releasing the Lease): the second one takes over and writes.
            leadership.election().orElseThrow().stop();
            await().atMost(Duration.ofSeconds(25)).until(second::leading);
            assertThat(holder()).isEqualTo("replica-b");
            client.namespaces().resource(namespace("app-7", true)).create();
            await().atMost(WAIT).until(() -> copy("app-7", "leadercred") != null);
            assertThat(second.writes()).isPositive();
            assertThat(sync.leading()).isFalse();
        } finally {
            second.stop();
            secondElection.stop();
        }
    }

    @Test
    @Order(6)
    void syncNeverPublishesSecretData() {
        StringBuilder published = new StringBuilder(logs.all());
        client.v1().events().inAnyNamespace().list().getItems()
                .forEach(e -> published.append(e.getMessage()).append('\n'));
        meters.getMeters().forEach(m -> published.append(m.getId()).append(m.measure()));
        assertThat(logs.all()).contains("Secret sync: created");
        assertThat(published.toString()).doesNotContain(PullSecrets.PASSWORD_MARKER)
                .doesNotContain(PullSecrets.auth("regcred"), PullSecrets.auth("rotated"), PullSecrets.auth("theirs"));
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(INJECTOR_NAMESPACE).withName(ClusterTestProfile.LEASE).get();
        return lease.getSpec().getHolderIdentity();
    }
}
