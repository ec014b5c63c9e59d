package io.pullsecretinjector.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.Json;
import io.pullsecretinjector.testing.Reviews;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The explain endpoints on the management port agree with {@code /mutate} over HTTPS: for every captured review and
 * for generated Pods, the same patch, the same warnings, the same response, and a Pod after the patch equal to the
 * one zjsonpatch (flipkart, independent of the fabric8 fork explain uses) makes from the {@code /mutate} patch.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
@QuarkusTestResource(TestCertificates.class)
class ExplainEndpointTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/injector/explain", management = true)
    URL explain;

    @TestHTTPResource(value = "/injector/rules", management = true)
    URL rules;

    static Stream<Path> captures() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/test/resources/reviews", "src/test/resources/payloads")) {
            try (Stream<Path> list = Files.list(Path.of(dir))) {
                list.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json"))
                        .sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        return files.stream();
    }

    @ParameterizedTest(name = "the capture {0}, posted whole, is answered as /mutate answers it")
    @MethodSource("captures")
    void aCapturedReviewIsAnsweredAsMutateAnswersIt(Path capture) throws IOException {
        byte[] review = Files.readAllBytes(capture);
        JsonNode mutated = postMutate(review);
        JsonNode explained = postExplain(review, "application/json", null, 200);

        assertThat(explained.get("admissionReview")).isEqualTo(mutated);
        assertAgrees(explained, mutated, Json.parse(new String(review, StandardCharsets.UTF_8)).at("/request/object"));
    }

    @ParameterizedTest(name = "the Pod of the capture {0}, posted bare as YAML, is answered as /mutate answers it")
    @MethodSource("captures")
    void theBarePodOfACaptureAsYamlIsAnsweredAsMutateAnswersIt(Path capture) throws IOException {
        ObjectNode review = Json.read(capture);
        JsonNode pod = review.at("/request/object");
        String namespace = review.at("/request/namespace").asText();
        JsonNode mutated = postMutate(Json.bytes(review));
        JsonNode explained = postExplain(YAML.writeValueAsBytes(pod), "application/yaml", namespace, 200);

        assertAgrees(explained, mutated, pod);
    }

    @Test
    void generatedPodsAreAnsweredAsMutateAnswersThem() {
        Random random = new Random(20261202);
        for (int i = 0; i < 150; i++) {
            ObjectNode pod = generatedPod(random);
            JsonNode mutated = postMutate(Json.bytes(Reviews.podCreate("team-a", pod)));
            boolean yaml = random.nextBoolean();
            JsonNode explained;
            try {
                explained = postExplain(yaml ? YAML.writeValueAsBytes(pod) : Json.bytes(pod),
                        yaml ? "application/yaml" : "application/json", "team-a", 200);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertAgrees(explained, mutated, pod);
        }
    }

    /** curl --data-binary without -H sends application/x-www-form-urlencoded: the body must still be read whole. */
    @Test
    void aYamlPodSentAsCurlSendsItByDefaultIsReadWhole() throws IOException {
        ObjectNode pod = Reviews.pod("registry.example.com/team/app:1");
        ((ObjectNode) pod.at("/spec/containers/0")).putArray("args").add("--flag=a&namespace=elsewhere");
        JsonNode mutated = postMutate(Json.bytes(Reviews.podCreate("team-a", pod)));
        // RestAssured would form-encode the body itself; send it as curl does.
        java.net.http.HttpResponse<String> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(explain + "?namespace=team-a"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(YAML.writeValueAsBytes(pod))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode explained = Json.parse(response.body());

        assertAgrees(explained, mutated, pod);
        assertThat(explained.at("/namespace/name").asText()).isEqualTo("team-a");
    }

    /** Same patch, warnings and response (but the uid of a synthetic review), and the same Pod after the patch. */
    private static void assertAgrees(JsonNode explained, JsonNode mutated, JsonNode pod) {
        ArrayNode patch = Json.patchOf(mutated);
        String context = "explain " + explained.toPrettyString() + "\n/mutate " + mutated;
        assertThat(explained.get("patch")).as(context).isEqualTo(patch == null ? Json.MAPPER.createArrayNode() : patch);
        assertThat(explained.at("/decision/patched").asBoolean()).as(context).isEqualTo(patch != null);
        assertThat(explained.at("/decision/allowed").asBoolean()).isTrue();
        assertThat(explained.get("warnings")).as(context)
                .isEqualTo(mutated.at("/response/warnings").isMissingNode() ? Json.MAPPER.createArrayNode()
                        : mutated.at("/response/warnings"));
        ObjectNode explainedResponse = explained.at("/admissionReview/response").deepCopy();
        ObjectNode mutatedResponse = mutated.get("response").deepCopy();
        explainedResponse.remove("uid");
        mutatedResponse.remove("uid");
        assertThat(explainedResponse).as(context).isEqualTo(mutatedResponse);
        assertThat(explained.get("podAfterPatch")).as(context).isEqualTo(Json.apply(patch, pod));
    }

    private static final String[] IMAGES = {
            "nginx", "nginx:1.27", "bitnami/kafka:3", "registry.example.com/team/app:1", "registry.example.com:5000/app",
            "eu.registry.example.com/x", "ghcr.io/acme/api", "ghcr.io/other/api", "gcr.io/p/x", "quay.io/org/tool",
            "localhost:5000/app", "localhost:5001/app", "123456789012.dkr.ecr.us-east-1.amazonaws.com/api",
            "123456789012.dkr.ecr.us-east-2.amazonaws.com/api", "Registry.Example.com/App", "docker.elastic.co/es:8",
            ""};
    private static final String[] EXISTING = {"regcred", "own", "dockerhub", "quay-b"};

    /** A Pod with random containers, pull secrets, annotations and labels, drawn from what the rules care about. */
    static ObjectNode generatedPod(Random random) {
        ObjectNode pod = Reviews.pod();
        ObjectNode spec = (ObjectNode) pod.get("spec");
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            int count = field.equals("containers") ? 1 + random.nextInt(3) : random.nextInt(4) == 0 ? 1 : 0;
            if (count == 0) {
                continue;
            }
            ArrayNode list = spec.putArray(field);
            for (int i = 0; i < count; i++) {
                list.addObject().put("name", field.charAt(0) + "-" + i).put("image", IMAGES[random.nextInt(IMAGES.length)]);
            }
        }
        switch (random.nextInt(3)) {
            case 0 -> { }
            case 1 -> spec.putArray("imagePullSecrets");
            default -> {
                ArrayNode secrets = spec.putArray("imagePullSecrets");
                for (String name : EXISTING) {
                    if (random.nextBoolean()) {
                        secrets.addObject().put("name", name);
                    }
                }
            }
        }
        ObjectNode metadata = (ObjectNode) pod.get("metadata");
        switch (random.nextInt(4)) {
            case 0 -> { }
            case 1 -> metadata.putObject("annotations");
            case 2 -> metadata.putObject("annotations").put("example.com/owner", "team-a");
            default -> metadata.putObject("annotations").put("pull-secret-injector.io/injected", "old");
        }
        if (random.nextInt(10) == 0) {
            ((ObjectNode) metadata.get("labels")).put("pull-secret-injector.io/enabled", "false");
        }
        return pod;
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("an empty body", "", "empty body"),
                arguments("a JSON array", "[1, 2]", "expected a Pod or an AdmissionReview object"),
                arguments("broken JSON", "{\"kind\": \"Pod\",", "not valid JSON"),
                arguments("broken YAML", "kind: Pod\n  spec: [", "neither JSON nor valid YAML"),
                arguments("two YAML documents", "kind: Pod\nspec: {}\n---\nkind: Pod\nspec: {}\n", "expected one YAML document"),
                arguments("a Deployment", "{\"kind\":\"Deployment\",\"spec\":{}}", "got kind \"Deployment\""),
                arguments("a Pod without a namespace anywhere", "{\"kind\":\"Pod\",\"spec\":{\"containers\":[]}}",
                        "add ?namespace="),
                arguments("an AdmissionReview without a uid",
                        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}",
                        "AdmissionReview request has no uid"));
    }

    @ParameterizedTest(name = "{0} is a 400 with a message")
    @MethodSource("badBodies")
    void badInputIsA400WithAMessage(String description, String body, String message) {
        JsonNode answer = postExplain(body.getBytes(StandardCharsets.UTF_8), "application/json", null, 400);
        assertThat(answer.get("message").asText()).contains(message);
    }

    @Test
    void explainingAnImageWithoutAnImageIsA400() {
        Response response = RestAssured.given().get(explain + "?namespace=team-a");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).contains("image is required");
    }

    @Test
    void anImageMatchedByAStaticRuleShowsTheRuleTheSecretsAndTheDecision() {
        JsonNode answer = getExplain("nginx:1.27", "team-a");
        assertThat(answer.at("/image/reference").asText()).isEqualTo("docker.io/library/nginx");
        assertThat(answer.at("/image/matches/0/pattern").asText()).isEqualTo("https://index.docker.io/v1/");
        assertThat(answer.at("/image/matches/0/origin").asText()).isEqualTo("static configuration");
        assertThat(answer.at("/image/secrets").toString()).isEqualTo("[\"dockerhub\"]");
        assertThat(answer.at("/secrets/0/name").asText()).isEqualTo("dockerhub");
        // No cluster in this profile: nothing is known about the namespace or the secret.
        assertThat(answer.at("/secrets/0/status").asText()).isEqualTo("unknown");
        assertThat(answer.at("/namespace/state").asText()).isEqualTo("unknown");
        assertThat(answer.at("/decision/outcome").asText()).isEqualTo("patched");
        assertThat(answer.at("/decision/secretsToAdd").toString()).isEqualTo("[\"dockerhub\"]");
    }

    static Stream<Arguments> nearMisses() {
        return Stream.of(
                arguments("an image on another port of a configured host", "registry.example.com:5000/app",
                        "registry.example.com", "port differs"),
                arguments("an image on a subdomain of a configured host", "eu.registry.example.com/app",
                        "registry.example.com", "label count differs"),
                arguments("an image outside a configured path prefix", "ghcr.io/other/api", "ghcr.io/acme",
                        "path prefix differs"),
                arguments("an image in another ECR region", "1234.dkr.ecr.us-east-2.amazonaws.com/api",
                        "*.dkr.ecr.us-east-1.amazonaws.com", "does not match \"us-east-2\""));
    }

    @ParameterizedTest(name = "{0} is explained by the rule near it")
    @MethodSource("nearMisses")
    void aNearMissSaysWhy(String description, String image, String pattern, String why) {
        JsonNode answer = getExplain(image, "team-a");
        assertThat(answer.at("/image/matches")).isEmpty();
        assertThat(answer.at("/image/secrets")).isEmpty();
        JsonNode miss = null;
        for (JsonNode candidate : answer.at("/image/nearMisses")) {
            if (candidate.at("/rule/pattern").asText().equals(pattern)) {
                miss = candidate;
            }
        }
        assertThat(miss).as(answer.toPrettyString()).isNotNull();
        assertThat(miss.get("why")).singleElement().extracting(JsonNode::asText).asString().contains(why);
        assertThat(answer.at("/decision/outcome").asText()).isEqualTo("unchanged");
    }

    @Test
    void anInvalidImageGetsTheWordingOfTheAdmissionWarning() {
        JsonNode answer = getExplain("Registry.Example.com/Team/App", "team-a");
        assertThat(answer.at("/image/error").asText())
                .startsWith("image \"Registry.Example.com/Team/App\" is not a valid image reference (")
                .endsWith("); no pull secret for it");
        assertThat(answer.at("/image/reference").isMissingNode()).isTrue();
        assertThat(answer.at("/decision/warnings/0").asText()).contains(answer.at("/image/error").asText());
    }

    @Test
    void theRuleTableShowsEveryStaticRuleWithItsOrigin() {
        Response response = RestAssured.given().get(rules);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode table = Json.parse(response.asString());
        assertThat(table.get("rules")).hasSize(InjectorTestProfile.REGISTRIES.size());
        JsonNode quay = null;
        for (JsonNode rule : table.get("rules")) {
            assertThat(rule.get("origin").asText()).isEqualTo("static configuration");
            assertThat(rule.get("appliesTo").asText()).isEqualTo("every namespace");
            assertThat(rule.get("usable").asBoolean()).isTrue();
            if (rule.get("pattern").asText().equals("quay.io")) {
                quay = rule;
            }
        }
        assertThat(quay).isNotNull();
        assertThat(quay.get("secrets").toString()).isEqualTo("[\"quay-a\",\"quay-b\"]");
    }

    private JsonNode getExplain(String image, String namespace) {
        Response response = RestAssured.given().queryParam("image", image).queryParam("namespace", namespace)
                .get(explain);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private JsonNode postMutate(byte[] review) {
        Response response = RestAssured.given().relaxedHTTPSValidation().contentType("application/json")
                .body(review).post(mutate);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return Json.parse(response.asString());
    }

    private JsonNode postExplain(byte[] body, String contentType, String namespace, int status) {
        var request = RestAssured.given().contentType(contentType).body(body);
        if (namespace != null) {
            request.queryParam("namespace", namespace);
        }
        Response response = request.post(explain);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return Json.parse(response.asString());
    }
}
