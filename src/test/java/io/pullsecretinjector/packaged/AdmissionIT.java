package io.pullsecretinjector.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shape of admission request the packaged application meets, over HTTPS against the jar as it ships: the shared
 * harness's payloads, real captures, multi-registry Pods, requests that are not a Pod CREATE, malformed bodies and the
 * whole bad-input corpus. Patches are applied with zjsonpatch and the resulting Pods compared. In the aot profile this
 * run is the training of app.aot, so it also repeats the common shapes on kept-alive and on new connections.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AdmissionIT {

    private static final Path PAYLOADS = Path.of("src/test/resources/payloads");
    private static final Path BAD_INPUT = Path.of("src/test/resources/bad-input");

    private final Webhook webhook = new Webhook();

    record Case(String name, ObjectNode review, List<String> pullSecrets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> podCreates() {
        return Stream.of(
                new Case("the harness's small payload gets the Docker Hub secret", payload("small"),
                        expected("small")),
                new Case("the harness's typical payload gets one secret per registry", payload("typical"),
                        expected("typical")),
                new Case("the harness's large payload (62 containers) gets the missing secrets",
                        payload("large"), expected("large")),
                new Case("a Pod with images from five registries gets each registry's secrets, in image order",
                        review(Reviews.pod("registry.example.com/team/app:1", "nginx",
                                "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:2", "quay.example.org/org/tool",
                                "localhost:5000/app")),
                        List.of("regcred", "dockerhub", "ecr", "quay-a", "quay-b", "local")),
                new Case("a Pod that lists one secret keeps it and gains the others",
                        review(withPullSecrets(Reviews.pod("registry.example.com/a", "localhost:5000/x"), "regcred")),
                        List.of("regcred", "local")),
                new Case("a dry-run v1beta1 review is mutated and answered in v1beta1",
                        v1beta1(dryRun(review(Reviews.pod("ghcr.io/acme/api:2")))), List.of("ghcr-cred")),
                new Case("the kube-rs capture from GKE gets the Docker Hub secret",
                        Json.resource("/reviews/kube-rs-gke-pod-create.json"), List.of("dockerhub")),
                new Case("the kubewarden capture gets the Docker Hub secret once",
                        Json.resource("/reviews/kubewarden-policy-server-pod-create-privileged.json"),
                        List.of("dockerhub")),
                new Case("the ReplicaSet capture matches its gcr.io path prefix only",
                        Json.resource("/reviews/salesforce-sidecar-injector-rs-pod-create.json"), List.of("gcr")),
                new Case("the EKS capture without apiVersion is read as v1",
                        Json.resource("/reviews/eks-pod-identity-webhook-pod-create-no-apiversion.json"),
                        List.of("dockerhub")),
                new Case("an image from an unknown registry leaves the Pod unchanged",
                        review(Reviews.pod("docker.elastic.co/elasticsearch/elasticsearch:8.0.0")), null),
                new Case("an UPDATE is allowed without a patch", operation(review(Reviews.pod("nginx")), "UPDATE"),
                        null),
                new Case("a DELETE is allowed without a patch", operation(review(Reviews.pod("nginx")), "DELETE"),
                        null),
                new Case("an object that is not a Pod is allowed without a patch",
                        notAPod(review(Reviews.pod("nginx"))), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podCreates")
    void answersEveryShapeOfRequest(Case c) {
        JsonNode response = allowed(webhook.post(Json.bytes(c.review())), c.review());
        ArrayNode patch = Json.patchOf(response);
        if (c.pullSecrets() == null) {
            assertThat(patch).as("patch").isNull();
        } else {
            JsonNode pod = Json.apply(patch, c.review().at("/request/object"));
            assertThat(pullSecretNames(pod)).containsExactlyInAnyOrderElementsOf(c.pullSecrets());
        }
    }

    @Test
    void anInvalidImageIsAllowedWithAWarningNamingItsContainer() {
        ObjectNode review = review(Reviews.pod("Registry.Example.com/Team/App", "registry.example.com/ok"));

        JsonNode response = allowed(webhook.post(Json.bytes(review)), review);

        StringBuilder warnings = new StringBuilder();
        response.at("/response/warnings").forEach(warning -> warnings.append(warning.asText()).append('\n'));
        assertThat(warnings.toString()).contains("\"c0\"");
    }

    @ParameterizedTest(name = "a malformed body is answered 400 with a message: {0}")
    @ValueSource(strings = {"", "not json", "[]", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}"})
    void malformedBodiesAreAnswered400WithAMessage(String body) {
        Webhook.Answer answer = webhook.post(body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(Json.parse(answer.body()).path("message").asText()).isNotBlank();
    }

    @Test
    void everyBodyOfTheBadInputCorpusIsAnswered400OrAllowedAndNeverAServerError() throws IOException {
        List<String> unexpected = new ArrayList<>();
        try (Stream<Path> files = Files.list(BAD_INPUT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Webhook.Answer answer = webhook.post(Files.readAllBytes(file));
                boolean allowed = answer.status() == 200
                        && Json.parse(answer.body()).at("/response/allowed").asBoolean();
                if (answer.status() != 400 && !allowed) {
                    unexpected.add(file.getFileName() + " -> " + answer.status());
                }
            }
        }
        assertThat(unexpected).isEmpty();
    }

    /**
     * The traffic a replica lives on: the three harness payloads again and again on kept-alive connections, and some
     * on new connections (a TLS handshake each). Asserts every answer; in the aot profile it is what app.aot learns.
     */
    @Test
    void repeatedTrafficOnKeptAliveAndNewConnectionsIsAnsweredCorrectlyEveryTime() {
        List<String> sizes = List.of("small", "typical", "large");
        for (int round = 0; round < 300; round++) {
            String size = sizes.get(round % sizes.size());
            ObjectNode review = payload(size);
            Webhook.Answer answer = round % 10 == 0
                    ? Webhook.postOnNewConnection(Json.bytes(review)) : webhook.post(Json.bytes(review));
            JsonNode pod = Json.apply(Json.patchOf(allowed(answer, review)), review.at("/request/object"));
            assertThat(pullSecretNames(pod)).as(size).containsExactlyInAnyOrderElementsOf(expected(size));
        }
    }

    private static JsonNode allowed(Webhook.Answer answer, ObjectNode review) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode response = Json.parse(answer.body());
        assertThat(response.at("/response/uid").asText()).isEqualTo(review.at("/request/uid").asText());
        assertThat(response.at("/response/allowed").asBoolean()).isTrue();
        return response;
    }

    private static Set<String> pullSecretNames(JsonNode pod) {
        Set<String> names = new LinkedHashSet<>();
        pod.path("spec").path("imagePullSecrets").forEach(secret -> names.add(secret.path("name").asText()));
        return names;
    }

    private static ObjectNode payload(String size) {
        return Json.read(PAYLOADS.resolve(size + ".json"));
    }

    private static List<String> expected(String size) {
        List<String> names = new ArrayList<>();
        Json.read(PAYLOADS.resolve(size + ".expected.json")).path("imagePullSecrets")
                .forEach(name -> names.add(name.asText()));
        return names;
    }

    private static ObjectNode review(ObjectNode pod) {
        return Reviews.podCreate("team-a", pod);
    }

    private static ObjectNode withPullSecrets(ObjectNode pod, String... names) {
        ArrayNode list = ((ObjectNode) pod.get("spec")).putArray("imagePullSecrets");
        for (String name : names) {
            list.addObject().put("name", name);
        }
        return pod;
    }

    private static ObjectNode dryRun(ObjectNode review) {
        Reviews.request(review).put("dryRun", true);
        return review;
    }

    private static ObjectNode v1beta1(ObjectNode review) {
        review.put("apiVersion", "admission.k8s.io/v1beta1");
        return review;
    }

    private static ObjectNode operation(ObjectNode review, String operation) {
        Reviews.request(review).put("operation", operation);
        Reviews.request(review).set("oldObject", Reviews.object(review).deepCopy());
        return review;
    }

    private static ObjectNode notAPod(ObjectNode review) {
        Reviews.request(review).putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
        Reviews.request(review).putObject("resource").put("group", "apps").put("version", "v1")
                .put("resource", "deployments");
        return review;
    }
}
