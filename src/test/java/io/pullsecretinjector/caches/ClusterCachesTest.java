package io.pullsecretinjector.caches;

import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.sync.SyncReports;
import io.pullsecretinjector.testing.ClusterTestProfile;
import io.pullsecretinjector.testing.LogCapture;
import io.pullsecretinjector.testing.PullSecrets;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.NamespaceDirectory.OptIn;
import io.pullsecretinjector.injection.RegistryRules;
import io.pullsecretinjector.injection.SecretDirectory;
import io.pullsecretinjector.injection.SecretDirectory.Presence;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static io.pullsecretinjector.testing.PullSecrets.INJECTOR_NAMESPACE;
import static io.pullsecretinjector.testing.PullSecrets.PASSWORD_MARKER;
import static io.pullsecretinjector.testing.PullSecrets.namespace;
import static io.pullsecretinjector.testing.PullSecrets.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Namespace opt-in, secret presence, learnt rules, malformed sources, health, and no secret data anywhere. */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = true)
@TestProfile(ClusterCachesTest.Profile.class)
class ClusterCachesTest {

    /** Sync off here: presence must then come from the cache alone. Debug logging to catch leaks at every level. */
    public static class Profile extends ClusterTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            var config = new java.util.HashMap<>(super.getConfigOverrides());
            config.put("quarkus.log.category.\"io.pullsecretinjector\".level", "DEBUG");
            config.put("injector.sync.enabled", "false");
            return config;
        }
    }

    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    @Inject
    KubernetesClient client;
    @Inject
    NamespaceDirectory namespaces;
    @Inject
    SecretDirectory secrets;
    @Inject
    RegistryRules rules;
    @Inject
    ClusterCaches caches;
    @Inject
    @Readiness
    CacheHealthCheck health;
    @Inject
    MeterRegistry meters;

    private void awaitSynced() {
        await().atMost(Duration.ofSeconds(10)).until(() -> caches.namespacesSynced() && caches.secretsSynced());
    }

    @Test
    void namespaceOptInAndOptOutWhileRunning() {
        awaitSynced();
        assertThat(namespaces.optIn("not-seen-yet")).isEqualTo(OptIn.UNKNOWN);

        client.namespaces().resource(namespace("team-a", false)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> namespaces.optIn("team-a") == OptIn.OPTED_OUT);

        client.namespaces().withName("team-a").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels(InjectorLabels.ENABLED, InjectorLabels.TRUE).endMetadata().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> namespaces.optIn("team-a") == OptIn.OPTED_IN);

        client.namespaces().withName("team-a").edit(ns -> new NamespaceBuilder(ns).editMetadata()
                .addToLabels(InjectorLabels.ENABLED, "yes").endMetadata().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> namespaces.optIn("team-a") == OptIn.OPTED_OUT);
    }

    @Test
    void presenceComesFromTheCache() {
        awaitSynced();
        client.namespaces().resource(namespace("team-b", true)).create();
        Secret own = PullSecrets.secret("team-b", "own-cred", PullSecretType.DOCKERCFG.type(),
                PullSecretType.DOCKERCFG.dataKey(), "{\"quay.io\":{\"auth\":\"" + PullSecrets.auth("own") + "\"}}");
        client.secrets().resource(own).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> secrets.presence("team-b", "own-cred") == Presence.AVAILABLE);
        // Sync is off in this profile, so a source secret does not make a copy AVAILABLE.
        assertThat(secrets.presence("team-b", "nowhere")).isEqualTo(Presence.MISSING);

        client.secrets().inNamespace("team-b").withName("own-cred").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> secrets.presence("team-b", "own-cred") == Presence.MISSING);
    }

    @Test
    void secretsOutsideTheInjectorNamespaceAreCachedWithoutData() {
        awaitSynced();
        client.secrets().resource(PullSecrets.secret("team-c", "their-cred", PullSecretType.DOCKER_CONFIG_JSON.type(),
                ".dockerconfigjson", PullSecrets.dockerConfigJson("their-cred", "r.example.com"))).create();
        client.secrets().resource(source("kept-whole", "kept.example.com")).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> caches.secret("team-c", "their-cred").isPresent()
                && caches.secret(INJECTOR_NAMESPACE, "kept-whole").isPresent());
        assertThat(caches.secret("team-c", "their-cred").orElseThrow().getData()).isNullOrEmpty();
        assertThat(caches.secret(INJECTOR_NAMESPACE, "kept-whole").orElseThrow().getData()).isNotEmpty();
    }

    @Test
    void rulesAreLearntFromASourceSecretAndForgottenWhenItIsDeleted() {
        awaitSynced();
        assertThat(rules.current().rules()).first().extracting(RegistryRule::origin).isEqualTo("config");

        client.secrets().resource(source("regcred", "registry.example.com")).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> secretsFor("registry.example.com/app").contains("regcred"));
        RegistryRule learnt = rules.current().matching("registry.example.com/app").get(0);
        assertThat(learnt.usable()).isTrue();
        assertThat(learnt.origin()).isEqualTo("secret " + INJECTOR_NAMESPACE + "/regcred");
        assertThat(secretsFor("static.example.com/app")).containsExactly("static-cred");

        client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("regcred").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> secretsFor("registry.example.com/app").isEmpty());
        assertThat(secretsFor("static.example.com/app")).containsExactly("static-cred");
    }

    private List<String> secretsFor(String imageName) {
        return rules.current().matching(imageName).stream().flatMap(r -> r.secrets().stream()).toList();
    }

    @Test
    void aMalformedSourceIsReportedAndUnusableWhileAGoodOneKeepsWorking() {
        awaitSynced();
        String notUserColonPassword = PullSecrets.b64(PASSWORD_MARKER + "-no-colon");
        client.secrets().resource(PullSecrets.sourceWithDocument("broken-cred", "{\"auths\":{\"broken.example.com\":{\"auth\":\""
                + notUserColonPassword + "\"}}}")).create();
        client.secrets().resource(source("good-cred", "good.example.com")).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> !rules.current().matching("broken.example.com/x").isEmpty()
                && !rules.current().matching("good.example.com/x").isEmpty());
        RegistryRule broken = rules.current().matching("broken.example.com/x").get(0);
        assertThat(broken.usable()).isFalse();
        assertThat(broken.secrets()).containsExactly("broken-cred");
        assertThat(broken.unusableReason()).contains("does not decode to user:password");
        assertThat(rules.current().matching("good.example.com/x").get(0).usable()).isTrue();
        assertThat(meters.get(KubeMetrics.SOURCE_SECRETS_MALFORMED).gauge().value()).isGreaterThanOrEqualTo(1);

        // The Event is written by the leader (always elected, even with sync off).
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsOn("broken-cred").isEmpty());
        Event event = eventsOn("broken-cred").get(0);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo(SyncReports.REASON_MALFORMED);
        assertThat(event.getMessage()).contains("does not decode to user:password");

        HealthCheckResponse report = health.call();
        assertThat(report.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(report.getData().orElseThrow()).containsEntry("malformedSourceSecrets", 1L);

        assertNoSecretData(notUserColonPassword);
    }

    @Test
    void healthReportsEachCacheAndIsAlwaysUp() {
        awaitSynced();
        await().atMost(Duration.ofSeconds(10)).until(() -> "synced".equals(health.call().getData().orElseThrow().get("secrets")));
        var data = health.call().getData().orElseThrow();
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data).containsEntry("cluster", "enabled").containsEntry("api", "reachable")
                .containsEntry("namespaces", "synced").containsEntry("sync", "disabled");
        assertThat(meters.get(KubeMetrics.CACHE_SYNCED).tag("cache", "namespaces").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get(KubeMetrics.CACHE_SYNCED).tag("cache", "secrets").gauge().value()).isEqualTo(1.0);
    }

    private List<Event> eventsOn(String secretName) {
        return client.v1().events().inNamespace(INJECTOR_NAMESPACE).list().getItems().stream()
                .filter(e -> secretName.equals(e.getInvolvedObject().getName())).toList();
    }

    /** Logs, Events, metrics and health output never show a password, an auth value or a whole document. */
    private void assertNoSecretData(String... extra) {
        StringBuilder published = new StringBuilder(logs.all());
        client.v1().events().inAnyNamespace().list().getItems()
                .forEach(e -> published.append(e.getMessage()).append(e.getReason()).append('\n'));
        published.append(health.call().getData().orElseThrow());
        meters.getMeters().forEach(m -> published.append(m.getId()).append(m.measure()));
        String text = published.toString();
        assertThat(text).doesNotContain(PASSWORD_MARKER);
        assertThat(text).doesNotContain(PullSecrets.auth("broken-cred"), PullSecrets.auth("good-cred"));
        for (String value : extra) {
            assertThat(text).doesNotContain(value);
        }
        assertThat(logs.records()).isNotEmpty();
    }
}
