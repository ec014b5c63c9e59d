package io.pullsecretinjector.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pullsecretinjector.caches.CacheHealthCheck;
import io.pullsecretinjector.caches.ClusterCaches;
import io.pullsecretinjector.caches.PullSecretType;
import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.image.ImageReference;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.RegistryRules;
import io.pullsecretinjector.sync.SyncReports;
import io.pullsecretinjector.sync.SyncService;
import io.pullsecretinjector.testing.ClusterTestProfile;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.LogCapture;
import io.pullsecretinjector.testing.PullSecrets;
import io.pullsecretinjector.testing.Reviews;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static io.pullsecretinjector.testing.PullSecrets.INJECTOR_NAMESPACE;
import static io.pullsecretinjector.testing.PullSecrets.PASSWORD_MARKER;
import static io.pullsecretinjector.testing.PullSecrets.namespace;
import static io.pullsecretinjector.testing.PullSecrets.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Team-owned registry credentials: a labelled pull secret in a namespace gives rules to Pods of that namespace only,
 * is never copied, follows its label and its existence, is reported when malformed, and its credentials appear in no
 * cache, log, metric, Event or explain answer. Admission over HTTPS, explain over the management port.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = NamespaceSourcesTest.BeforeStart.class)
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = true)
@TestProfile(ClusterTestProfile.class)
class NamespaceSourcesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    @Inject
    KubernetesClient client;
    @Inject
    RegistryRules rules;
    @Inject
    ClusterCaches caches;
    @Inject
    NamespaceSources namespaceSources;
    @Inject
    SyncService sync;
    @Inject
    @Readiness
    CacheHealthCheck health;

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;
    @TestHTTPResource(value = "/injector/explain", management = true)
    URL explain;
    @TestHTTPResource(value = "/injector/rules", management = true)
    URL rulesTable;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /**
     * A team source that exists before the injector starts: its first delivery to a handler may be the cache's slim
     * copy (no data), so its registry keys must come from what the cache kept, not from the event.
     */
    public static class BeforeStart implements java.util.function.Consumer<io.quarkus.test.kubernetes.client.KubernetesServer> {
        @Override
        public void accept(io.quarkus.test.kubernetes.client.KubernetesServer server) {
            server.getClient().namespaces().resource(namespace("early", true)).create();
            server.getClient().secrets().resource(teamSource("early", "early-cred", "early.example.com")).create();
        }
    }

    @Test
    void aTeamSourceThatExistedBeforeStartUpIsUsed() throws Exception {
        awaitLeader();
        await().atMost(WAIT).until(() -> secretsFor("early", "early.example.com/app").equals(List.of("early-cred")));
        assertThat(namespaceSources.in("early").get("early-cred").usable()).isTrue();
    }

    /** A pull secret of a team, labelled as a source, for {@code registries}. */
    static Secret teamSource(String namespace, String name, String... registries) {
        return labelledSource(PullSecrets.secret(namespace, name, PullSecretType.DOCKER_CONFIG_JSON.type(),
                PullSecretType.DOCKER_CONFIG_JSON.dataKey(), PullSecrets.dockerConfigJson(name, registries)));
    }

    static Secret labelledSource(Secret secret) {
        return new SecretBuilder(secret).editMetadata().addToLabels(InjectorLabels.SOURCE, InjectorLabels.TRUE)
                .endMetadata().build();
    }

    private List<String> secretsFor(String namespace, String image) throws Exception {
        return rules.current(namespace).matching(ImageReference.parse(image).name()).stream()
                .filter(RegistryRule::usable).flatMap(r -> r.secrets().stream()).toList();
    }

    private void awaitLeader() {
        await().atMost(WAIT).until(() -> caches.secretsSynced() && caches.namespacesSynced() && sync.leading());
    }

    @Test
    void aTeamSourceServesPodsOfItsOwnNamespaceOnlyAndIsNeverCopied() throws Exception {
        awaitLeader();
        client.namespaces().resource(namespace("shop", true)).create();
        client.namespaces().resource(namespace("billing", true)).create();
        client.secrets().resource(source("regcred", "registry.example.com")).create();
        client.secrets().resource(teamSource("shop", "shop-cred", "team.example.com")).create();

        await().atMost(WAIT).until(() -> secretsFor("shop", "team.example.com/app").equals(List.of("shop-cred")));
        assertThat(secretsFor("billing", "team.example.com/app")).isEmpty();
        assertThat(rules.current().matching("team.example.com/app")).isEmpty();
        // Global and static rules still apply in the team's namespace.
        await().atMost(WAIT).until(() -> secretsFor("shop", "registry.example.com/x").equals(List.of("regcred")));
        assertThat(secretsFor("shop", "static.example.com/x")).containsExactly("static-cred");

        JsonNode pod = Reviews.pod("team.example.com/app", "registry.example.com/x");
        JsonNode shop = postMutate(Reviews.podCreate("shop", pod));
        assertThat(Json.apply(Json.patchOf(shop), pod))
                .isEqualTo(Json.expectedPod(pod, List.of("shop-cred", "regcred"), "shop-cred,regcred"));
        JsonNode billing = postMutate(Reviews.podCreate("billing", pod));
        assertThat(Json.apply(Json.patchOf(billing), pod))
                .isEqualTo(Json.expectedPod(pod, List.of("regcred"), "regcred"));

        // Explain agrees, and says where the rule comes from and where it applies.
        JsonNode explained = postExplain(Json.bytes(pod), "shop");
        assertThat(explained.get("podAfterPatch")).isEqualTo(Json.apply(Json.patchOf(shop), pod));
        JsonNode image = getExplain("team.example.com/app", "shop");
        assertThat(image.at("/image/matches/0/origin").asText()).isEqualTo("source secret shop/shop-cred");
        assertThat(image.at("/image/matches/0/appliesTo").asText()).isEqualTo("namespace shop only");
        assertThat(image.at("/secrets/0/status").asText()).isEqualTo("present");
        assertThat(image.at("/namespace/state").asText()).isEqualTo("opted-in");
        assertThat(getExplain("team.example.com/app", "billing").at("/image/matches")).isEmpty();
        assertThat(ruleOrigins()).contains("team.example.com <- source secret shop/shop-cred (namespace shop only)",
                "registry.example.com <- source secret " + INJECTOR_NAMESPACE + "/regcred (every namespace)",
                "static.example.com <- static configuration (every namespace)");

        // Sync has copied the global source, and never the team's.
        await().atMost(WAIT).until(() -> client.secrets().inNamespace("billing").withName("regcred").get() != null);
        assertThat(client.secrets().inNamespace("billing").withName("shop-cred").get()).isNull();
        assertThat(client.secrets().inNamespace(INJECTOR_NAMESPACE).withName("shop-cred").get()).isNull();
        assertThat(client.secrets().inNamespace("shop").withName("shop-cred").get().getMetadata().getLabels())
                .doesNotContainKey(InjectorLabels.MANAGED_BY);
    }

    @Test
    void removingTheLabelOrTheSecretRemovesItsRules() throws Exception {
        awaitLeader();
        client.namespaces().resource(namespace("payments", true)).create();
        client.secrets().resource(teamSource("payments", "pay-cred", "pay.example.com")).create();
        await().atMost(WAIT).until(() -> secretsFor("payments", "pay.example.com/api").equals(List.of("pay-cred")));

        client.secrets().inNamespace("payments").withName("pay-cred").edit(s -> new SecretBuilder(s).editMetadata()
                .removeFromLabels(InjectorLabels.SOURCE).endMetadata().build());
        await().atMost(WAIT).until(() -> secretsFor("payments", "pay.example.com/api").isEmpty());
        assertThat(namespaceSources.in("payments")).isEmpty();

        client.secrets().inNamespace("payments").withName("pay-cred").edit(s -> labelledSource(s));
        await().atMost(WAIT).until(() -> secretsFor("payments", "pay.example.com/api").equals(List.of("pay-cred")));

        client.secrets().inNamespace("payments").withName("pay-cred").delete();
        await().atMost(WAIT).until(() -> secretsFor("payments", "pay.example.com/api").isEmpty());
        assertThat(ruleOrigins()).noneMatch(rule -> rule.contains("pay-cred"));
    }

    @Test
    void aMalformedTeamSourceIsReportedAndNoCredentialAppearsAnywhere() throws Exception {
        awaitLeader();
        client.namespaces().resource(namespace("ml", true)).create();
        String notUserColonPassword = PullSecrets.b64(PASSWORD_MARKER + "-no-colon");
        client.secrets().resource(labelledSource(PullSecrets.secret("ml", "ml-broken",
                PullSecretType.DOCKER_CONFIG_JSON.type(), PullSecretType.DOCKER_CONFIG_JSON.dataKey(),
                "{\"auths\":{\"broken.example.com\":{\"auth\":\"" + notUserColonPassword + "\"}}}"))).create();
        client.secrets().resource(teamSource("ml", "ml-good", "good.example.com")).create();

        await().atMost(WAIT).until(() -> !rules.current("ml").matching("broken.example.com/x").isEmpty()
                && secretsFor("ml", "good.example.com/x").equals(List.of("ml-good")));
        RegistryRule broken = rules.current("ml").matching("broken.example.com/x").get(0);
        assertThat(broken.usable()).isFalse();
        assertThat(broken.unusableReason()).contains("does not decode to user:password");

        // The admission warning, as for a global source.
        JsonNode pod = Reviews.pod("broken.example.com/x");
        JsonNode answer = postMutate(Reviews.podCreate("ml", pod));
        assertThat(Json.patchOf(answer)).isNull();
        assertThat(answer.at("/response/warnings/0").asText())
                .startsWith("pull-secret-injector: no secret from secret ml/ml-broken for registry broken.example.com");

        // The metric and the Event on the secret (written by the leader).
        // The gauge is exported; its value is what the bean counts. (Its value is not read from the registry: in a full
        // test run Micrometer's JVM-wide composite keeps the gauge of the first application instance that registered
        // the name, so a later instance's scrape shows the earlier one's count. One instance per JVM in production.)
        assertThat(RestAssured.given().get(metrics).asString()).contains("injector_namespace_source_secrets_malformed");
        assertThat(namespaceSources.malformed()).extracting(SourceSecret::reference).containsExactly("ml/ml-broken");
        await().atMost(WAIT).until(() -> !eventsOn("ml", "ml-broken").isEmpty());
        Event event = eventsOn("ml", "ml-broken").get(0);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo(SyncReports.REASON_MALFORMED);
        assertThat(event.getMessage()).contains("does not decode to user:password");
        assertThat(health.call().getData().orElseThrow()).containsEntry("malformedNamespaceSourceSecrets", 1L);

        // Explain shows the rule as unusable, with the reason.
        JsonNode explained = getExplain("broken.example.com/x", "ml");
        assertThat(explained.at("/image/matches/0/usable").asBoolean()).isFalse();
        assertThat(explained.at("/image/matches/0/problem").asText()).contains("does not decode to user:password");

        // No credential anywhere: caches, logs, metrics, Events, health, explain.
        StringBuilder published = new StringBuilder();
        caches.pullSecrets().filter(s -> !INJECTOR_NAMESPACE.equals(s.getMetadata().getNamespace()))
                .forEach(s -> published.append(s).append('\n'));
        assertThat(caches.secret("ml", "ml-good").orElseThrow().getData()).isNullOrEmpty();
        published.append(namespaceSources.all()).append('\n');
        logs.records().forEach(r -> published.append(LogCapture.text(r)).append('\n'));
        client.v1().events().inAnyNamespace().list().getItems()
                .forEach(e -> published.append(e.getReason()).append(e.getMessage()).append('\n'));
        published.append(health.call().getData().orElseThrow()).append('\n');
        published.append(RestAssured.given().get(metrics).asString());
        published.append(RestAssured.given().get(rulesTable).asString());
        published.append(explained);
        published.append(postExplain(Json.bytes(Reviews.pod("broken.example.com/x", "good.example.com/y")), "ml"));
        String text = published.toString();
        assertThat(text).contains("ml-good", "ml-broken");
        assertThat(text).doesNotContain(PASSWORD_MARKER, notUserColonPassword, PullSecrets.auth("ml-good"));
    }

    @Test
    void explainTellsTheNamespaceStateAndWhetherEachSecretIsThere() {
        awaitLeader();
        client.namespaces().resource(namespace("quiet", false)).create();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder(namespace("trial", false))
                .editMetadata().addToLabels(InjectorLabels.ENABLED, InjectorLabels.AUDIT).endMetadata().build()).create();
        client.namespaces().resource(namespace("store", true)).create();
        client.secrets().resource(teamSource("store", "store-cred", "store.example.com")).create();
        await().atMost(WAIT).until(() -> caches.namespace("trial").isPresent() && caches.namespace("quiet").isPresent()
                && !namespaceSources.in("store").isEmpty());

        assertThat(getExplain("nginx", "quiet").at("/namespace/state").asText()).isEqualTo("off");
        assertThat(getExplain("nginx", "quiet").at("/decision/outcome").asText()).isEqualTo("skipped");
        assertThat(getExplain("nginx", "trial").at("/namespace/state").asText()).isEqualTo("audit");
        assertThat(getExplain("nginx", "not-created").at("/namespace/state").asText()).isEqualTo("unknown");
        JsonNode store = getExplain("store.example.com/app", "store");
        assertThat(store.at("/namespace/state").asText()).isEqualTo("opted-in");
        assertThat(store.at("/secrets/0/status").asText()).isEqualTo("present");
        // A static rule's secret that nobody created, and that sync has no source for.
        JsonNode missing = getExplain("static.example.com/app", "store");
        assertThat(missing.at("/secrets/0/name").asText()).isEqualTo("static-cred");
        assertThat(missing.at("/secrets/0/status").asText()).isEqualTo("missing");
        assertThat(missing.at("/decision/warnings/0").asText()).contains("\"static-cred\" does not exist");
    }

    private List<String> ruleOrigins() {
        Response response = RestAssured.given().get(rulesTable);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> rows = new java.util.ArrayList<>();
        Json.parse(response.asString()).get("rules").forEach(rule -> rows.add(rule.get("pattern").asText() + " <- "
                + rule.get("origin").asText() + " (" + rule.get("appliesTo").asText() + ")"));
        return rows;
    }

    private List<Event> eventsOn(String namespace, String secretName) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> secretName.equals(e.getInvolvedObject().getName())).toList();
    }

    private JsonNode postMutate(ObjectNode review) {
        Response response = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                .body(Json.bytes(review)).post(mutate);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private JsonNode postExplain(byte[] pod, String namespace) {
        Response response = RestAssured.given().contentType("application/json").queryParam("namespace", namespace)
                .body(pod).post(explain);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private JsonNode getExplain(String image, String namespace) {
        Response response = RestAssured.given().queryParam("image", image).queryParam("namespace", namespace)
                .get(explain);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }
}
