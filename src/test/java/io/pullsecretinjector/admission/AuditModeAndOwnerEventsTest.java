package io.pullsecretinjector.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.NamespaceDirectory.OptIn;
import io.pullsecretinjector.sources.SourceSecrets;
import io.pullsecretinjector.testing.ClusterTestProfile;
import io.pullsecretinjector.testing.Json;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.pullsecretinjector.testing.PullSecrets.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audit namespaces and Events on Pod owners, end to end over HTTPS against the mock API server: an audit namespace
 * gets no patch but the warning, the audit annotation and the metric; every patch is named in the audit log; the
 * owner of a Pod admitted with a problem gets the warning as an Event, once per window.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = true)
@TestProfile(ClusterTestProfile.class)
class AuditModeAndOwnerEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AUDIT_NS = "audit-a";
    private static final String OPTED_IN_NS = "opted-a";
    /** static-cred comes from the profile's static map and exists nowhere: a missing secret in every namespace. */
    private static final String STATIC_IMAGE = "static.example.com/app:1";
    private static final String SOURCE_IMAGE = "registry.example.com/team/app:2";

    @Inject
    KubernetesClient client;
    @Inject
    NamespaceDirectory namespaces;
    @Inject
    SourceSecrets sources;
    @Inject
    MeterRegistry meters;

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @BeforeEach
    void namespacesAndASourceSecret() {
        if (client.namespaces().withName(AUDIT_NS).get() == null) {
            client.namespaces().resource(namespace(OPTED_IN_NS, true)).create();
            client.namespaces().resource(auditNamespace(AUDIT_NS)).create();
            client.secrets().resource(PullSecrets.source("regcred", "registry.example.com")).create();
        }
        await().atMost(WAIT).until(() -> namespaces.optIn(AUDIT_NS) == OptIn.AUDIT
                && namespaces.optIn(OPTED_IN_NS) == OptIn.OPTED_IN && sources.current().containsKey("regcred"));
    }

    @Test
    void anAuditNamespaceGetsNoPatchButTheWarningTheAuditAnnotationAndTheMetric() {
        double audited = admissions("audited");

        JsonNode response = post(Reviews.podCreate(AUDIT_NS, Reviews.pod(STATIC_IMAGE, SOURCE_IMAGE)));

        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("patchType")).isFalse();
        assertThat(texts(response.get("warnings")))
                .startsWith("pull-secret-injector (audit): would add imagePullSecrets static-cred, regcred");
        assertThat(response.get("auditAnnotations"))
                .isEqualTo(Json.parse("{\"would-inject\":\"static-cred,regcred\"}"));
        assertThat(admissions("audited")).isEqualTo(audited + 1);
    }

    @Test
    void everyPatchedAdmissionNamesTheAddedSecretsInTheAuditLog() {
        ObjectNode pod = Reviews.pod(STATIC_IMAGE, SOURCE_IMAGE);

        JsonNode response = post(Reviews.podCreate(OPTED_IN_NS, pod));

        ObjectNode review = Json.MAPPER.createObjectNode();
        review.set("response", response);
        JsonNode patched = Json.apply(Json.patchOf(review), pod);
        assertThat(patched).isEqualTo(Json.expectedPod(pod, List.of("static-cred", "regcred"), "static-cred,regcred"));
        assertThat(response.get("auditAnnotations")).isEqualTo(Json.parse("{\"injected\":\"static-cred,regcred\"}"));
    }

    @Test
    void aNamespaceTheCacheDoesNotKnowIsDecidedAsOptedIn() {
        // The API server's namespaceSelector sent it; until the cache has seen the namespace, it is trusted. An audit
        // namespace created a moment ago is therefore patched: documented in the README.
        JsonNode response = post(Reviews.podCreate("not-in-the-cache", Reviews.pod(SOURCE_IMAGE)));

        assertThat(response.get("patchType").asText()).isEqualTo("JSONPatch");
        assertThat(response.get("auditAnnotations").get("injected").asText()).isEqualTo("regcred");
    }

    @Test
    void aProblemReachesTheControllingOwnerOnceAsAWarningEvent() {
        String uid = UUID.randomUUID().toString();
        ObjectNode pod = owned(Reviews.pod(STATIC_IMAGE), "Deployment", "not-the-controller", "other-uid", false);
        owned(pod, "ReplicaSet", "web-7d4b9c", uid, true);

        JsonNode first = post(Reviews.podCreate(OPTED_IN_NS, pod));
        post(Reviews.podCreate(OPTED_IN_NS, pod));
        awaitLaterEventWritten(OPTED_IN_NS);

        String warning = "pull-secret-injector: pull secret \"static-cred\" does not exist in namespace \""
                + OPTED_IN_NS + "\"; image pulls fail until it is created";
        assertThat(texts(first.get("warnings"))).containsExactly(warning);
        assertThat(eventsOn(OPTED_IN_NS, uid)).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("PullSecretMissing");
            assertThat(event.getMessage()).isEqualTo(warning);
            assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("apps/v1");
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("ReplicaSet");
            assertThat(event.getInvolvedObject().getName()).isEqualTo("web-7d4b9c");
            assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(OPTED_IN_NS);
        });
        assertThat(eventsOn(OPTED_IN_NS, "other-uid")).isEmpty();
    }

    @Test
    void whatAuditWouldAddReachesTheOwnerAsANormalEvent() {
        String uid = UUID.randomUUID().toString();
        ObjectNode pod = owned(Reviews.pod(SOURCE_IMAGE), "Job", "nightly", uid, true);

        post(Reviews.podCreate(AUDIT_NS, pod));

        await().atMost(WAIT).until(() -> !eventsOn(AUDIT_NS, uid).isEmpty());
        assertThat(eventsOn(AUDIT_NS, uid)).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("Normal");
            assertThat(event.getMessage())
                    .isEqualTo("pull-secret-injector (audit): would add imagePullSecrets regcred");
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("Job");
        });
    }

    @Test
    void aDryRunWritesNoEvent() {
        String uid = UUID.randomUUID().toString();
        ObjectNode review = Reviews.podCreate(OPTED_IN_NS,
                owned(Reviews.pod(STATIC_IMAGE), "ReplicaSet", "dry", uid, true));
        Reviews.request(review).put("dryRun", true);

        JsonNode response = post(review);
        awaitLaterEventWritten(OPTED_IN_NS);

        assertThat(response.has("warnings")).as("the dry run still gets its warning").isTrue();
        assertThat(eventsOn(OPTED_IN_NS, uid)).isEmpty();
    }

    /**
     * Admits a Pod of a fresh owner and waits for its Event. One writer thread, in order: Events reported before it
     * have been written by then, so their absence is proven without sleeping.
     */
    private void awaitLaterEventWritten(String namespace) {
        String marker = UUID.randomUUID().toString();
        post(Reviews.podCreate(namespace, owned(Reviews.pod(STATIC_IMAGE), "ReplicaSet", "marker", marker, true)));
        await().atMost(WAIT).until(() -> !eventsOn(namespace, marker).isEmpty());
    }

    private List<Event> eventsOn(String namespace, String ownerUid) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> ownerUid.equals(e.getInvolvedObject().getUid())).toList();
    }

    private static ObjectNode owned(ObjectNode pod, String kind, String name, String uid, boolean controller) {
        ObjectNode metadata = (ObjectNode) pod.get("metadata");
        ArrayNode references = metadata.has("ownerReferences") ? (ArrayNode) metadata.get("ownerReferences")
                : metadata.putArray("ownerReferences");
        references.addObject().put("apiVersion", kind.equals("Job") ? "batch/v1" : "apps/v1").put("kind", kind)
                .put("name", name).put("uid", uid).put("controller", controller).put("blockOwnerDeletion", true);
        return pod;
    }

    private static Namespace auditNamespace(String name) {
        Namespace namespace = namespace(name, false);
        namespace.getMetadata().setLabels(Map.of(InjectorLabels.ENABLED, InjectorLabels.AUDIT));
        return namespace;
    }

    private double admissions(String outcome) {
        return meters.get("injector.admissions").tag("outcome", outcome).counter().count();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> texts.add(node.asText()));
        }
        return texts;
    }

    /** The {@code response} object of the answer. */
    private JsonNode post(ObjectNode review) {
        Response response = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                .body(Json.bytes(review)).post(mutate.toString() + "?timeout=5s");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString()).get("response");
    }
}
