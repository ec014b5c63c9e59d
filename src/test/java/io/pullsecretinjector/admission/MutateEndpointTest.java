package io.pullsecretinjector.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.util.List;
import java.util.stream.Stream;

import static io.pullsecretinjector.admission.PodCreateCase.patched;
import static io.pullsecretinjector.admission.PodCreateCase.unchanged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook over HTTPS, end to end: each review is posted, the returned JSON Patch is applied to the request's Pod
 * with zjsonpatch, and the resulting Pod is compared with the expected one. The patched Pod is then sent again and
 * must come back without a patch (idempotence, needed by reinvocationPolicy: IfNeeded).
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
@QuarkusTestResource(TestCertificates.class)
class MutateEndpointTest {

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    static Stream<PodCreateCase> podCreates() {
        return Stream.of(
                patched("a Docker Hub official image gets the secret of the https://index.docker.io/v1/ key",
                        review(Reviews.pod("nginx:1.25")), List.of("dockerhub"), "dockerhub"),
                patched("images from several registries get each registry's secret, first image first",
                        review(Reviews.pod("registry.example.com/team/app:1", "nginx",
                                "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:"
                                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
                        List.of("regcred", "dockerhub", "ecr"), "regcred,dockerhub,ecr"),
                patched("a pattern with several secrets adds all of them in the order written",
                        review(Reviews.pod("quay.io/org/tool")), List.of("quay-a", "quay-b"), "quay-a,quay-b"),
                patched("a path-prefix pattern matches images below it",
                        review(Reviews.pod("ghcr.io/acme/api:2")), List.of("ghcr-acme"), "ghcr-acme"),
                unchanged("a path-prefix pattern does not match other paths on the same host",
                        review(Reviews.pod("ghcr.io/other/api:2"))),
                patched("a registry with a port matches only that port",
                        review(Reviews.pod("localhost:5000/app", "localhost:5001/app")), List.of("local"), "local"),
                unchanged("an image from an unknown registry leaves the Pod unchanged",
                        review(Reviews.pod("docker.elastic.co/elasticsearch/elasticsearch:8.0.0"))),
                patched("init and ephemeral containers count like containers",
                        review(withContainers("initContainers", "registry.example.com/init",
                                "ephemeralContainers", "gcr.io/debug/shell")),
                        List.of("regcred", "dockerhub", "gcr"), "regcred,dockerhub,gcr"),
                patched("a Pod that lists a secret keeps it first and gains only the missing ones",
                        review(withPullSecrets(Reviews.pod("registry.example.com/a", "nginx"), "regcred", "own")),
                        List.of("regcred", "own", "dockerhub"), "dockerhub"),
                unchanged("a Pod that already lists every secret it needs gets no patch",
                        review(withPullSecrets(Reviews.pod("registry.example.com/a"), "regcred"))),
                patched("an empty imagePullSecrets list is created whole",
                        review(withPullSecrets(Reviews.pod("registry.example.com/a"))), List.of("regcred"),
                        "regcred"),
                patched("other annotations are kept and an earlier injected annotation is merged",
                        review(withAnnotations(Reviews.pod("registry.example.com/a", "gcr.io/p/x"),
                                "example.com/owner", "team-a", "pull-secret-injector.io/injected", "old")),
                        List.of("regcred", "gcr"), "old,regcred,gcr"),
                patched("an empty annotations map is created whole",
                        review(withAnnotations(Reviews.pod("registry.example.com/a"))), List.of("regcred"),
                        "regcred"),
                unchanged("a Pod labelled pull-secret-injector.io/enabled=false is never changed",
                        review(withLabel(Reviews.pod("registry.example.com/a"), "pull-secret-injector.io/enabled",
                                "false"))),
                patched("a Pod labelled pull-secret-injector.io/enabled=true is changed as usual",
                        review(withLabel(Reviews.pod("registry.example.com/a"), "pull-secret-injector.io/enabled",
                                "true")), List.of("regcred"), "regcred"),
                unchanged("a mirror Pod of a static Pod is never changed",
                        review(withAnnotations(Reviews.pod("registry.example.com/a"), "kubernetes.io/config.mirror",
                                "abc"))),
                patched("a dry-run request is mutated like a real one",
                        dryRun(review(Reviews.pod("registry.example.com/a"))), List.of("regcred"), "regcred"),
                patched("a v1beta1 review is answered in v1beta1",
                        v1beta1(review(Reviews.pod("registry.example.com/a"))), List.of("regcred"), "regcred"),
                unchanged("an UPDATE is allowed without a patch",
                        operation(review(Reviews.pod("registry.example.com/a")), "UPDATE")),
                unchanged("a DELETE is allowed without a patch",
                        operation(review(Reviews.pod("registry.example.com/a")), "DELETE")),
                unchanged("a CONNECT is allowed without a patch",
                        operation(review(Reviews.pod("registry.example.com/a")), "CONNECT")),
                unchanged("a subresource request is allowed without a patch",
                        subResource(review(Reviews.pod("registry.example.com/a")), "ephemeralcontainers")),
                unchanged("an object that is not a Pod is allowed without a patch",
                        kind(review(Reviews.pod("registry.example.com/a")), "apps", "Deployment", "deployments")),
                patched("an invalid image gets no secret and a warning naming its container",
                        review(Reviews.pod("Registry.Example.com/Team/App", "registry.example.com/ok")),
                        List.of("regcred"), "regcred").warning("\"c0\""),
                unchanged("a Pod whose containers field is not a list is allowed unchanged with a warning",
                        review(brokenContainers())).warning("spec.containers is not an array"),
                unchanged("a Pod CREATE without an object is allowed unchanged with a warning",
                        withoutObject(review(Reviews.pod("registry.example.com/a")))).warning("could not be read"),
                patched("the kube-rs capture from GKE gets the Docker Hub secret",
                        Json.resource("/reviews/kube-rs-gke-pod-create.json"), List.of("dockerhub"), "dockerhub"),
                patched("the kubewarden capture with two Hub images gets the Docker Hub secret once",
                        Json.resource("/reviews/kubewarden-policy-server-pod-create-privileged.json"),
                        List.of("dockerhub"), "dockerhub"),
                patched("the ReplicaSet capture without name or namespace in its object matches gcr.io only",
                        Json.resource("/reviews/salesforce-sidecar-injector-rs-pod-create.json"), List.of("gcr"),
                        "gcr"),
                patched("the EKS capture without apiVersion is read as v1",
                        Json.resource("/reviews/eks-pod-identity-webhook-pod-create-no-apiversion.json"),
                        List.of("dockerhub"), "dockerhub"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podCreates")
    void answersPodCreates(PodCreateCase c) {
        JsonNode response = post(c.review(), 200);
        JsonNode request = c.review().get("request");
        String apiVersion = c.review().path("apiVersion").asText("admission.k8s.io/v1");

        assertThat(response.get("apiVersion").asText()).isEqualTo(apiVersion);
        assertThat(response.get("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(response.at("/response/uid").asText()).isEqualTo(request.get("uid").asText());
        assertThat(response.at("/response/allowed").asBoolean()).isTrue();

        ArrayNode patch = Json.patchOf(response);
        JsonNode pod = request.get("object");
        if (c.pullSecrets() == null) {
            assertThat(patch).as("patch").isNull();
            assertThat(response.get("response").has("patchType")).isFalse();
        } else {
            assertThat(response.at("/response/patchType").asText()).isEqualTo("JSONPatch");
            JsonNode patched = Json.apply(patch, pod);
            assertThat(patched).isEqualTo(Json.expectedPod(pod, c.pullSecrets(), c.injected()));
            assertIdempotent(c.review(), patched);
        }
        JsonNode warnings = response.at("/response/warnings");
        if (c.warningFragment() == null) {
            assertThat(warnings.isMissingNode()).as("no warnings, got %s", warnings).isTrue();
        } else {
            assertThat(warnings.findValuesAsText("")).isEmpty();
            StringBuilder text = new StringBuilder();
            warnings.forEach(w -> text.append(w.asText()).append('\n'));
            assertThat(text.toString()).contains(c.warningFragment());
        }
    }

    private void assertIdempotent(ObjectNode review, JsonNode patchedPod) {
        ObjectNode again = review.deepCopy();
        Reviews.request(again).put("uid", "second-round");
        Reviews.request(again).set("object", patchedPod);
        JsonNode response = post(again, 200);
        assertThat(response.at("/response/uid").asText()).isEqualTo("second-round");
        assertThat(Json.patchOf(response)).as("patch on the second round").isNull();
    }

    JsonNode post(ObjectNode review, int status) {
        Response response = RestAssured.given().relaxedHTTPSValidation()
                .contentType("application/json")
                .body(Json.bytes(review))
                .post(mutate.toString() + "?timeout=5s");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return Json.parse(response.asString());
    }

    static ObjectNode review(ObjectNode pod) {
        return Reviews.podCreate("team-a", pod);
    }

    static ObjectNode withContainers(String field1, String image1, String field2, String image2) {
        ObjectNode pod = Reviews.pod("nginx");
        ObjectNode spec = (ObjectNode) pod.get("spec");
        spec.putArray(field1).addObject().put("name", "first").put("image", image1);
        spec.putArray(field2).addObject().put("name", "second").put("image", image2);
        return pod;
    }

    static ObjectNode withPullSecrets(ObjectNode pod, String... names) {
        ArrayNode list = ((ObjectNode) pod.get("spec")).putArray("imagePullSecrets");
        for (String name : names) {
            list.addObject().put("name", name);
        }
        return pod;
    }

    static ObjectNode withAnnotations(ObjectNode pod, String... keyValues) {
        ObjectNode annotations = ((ObjectNode) pod.get("metadata")).putObject("annotations");
        for (int i = 0; i < keyValues.length; i += 2) {
            annotations.put(keyValues[i], keyValues[i + 1]);
        }
        return pod;
    }

    static ObjectNode withLabel(ObjectNode pod, String key, String value) {
        ((ObjectNode) pod.get("metadata").get("labels")).put(key, value);
        return pod;
    }

    static ObjectNode brokenContainers() {
        ObjectNode pod = Reviews.pod();
        ((ObjectNode) pod.get("spec")).put("containers", "registry.example.com/a");
        return pod;
    }

    static ObjectNode dryRun(ObjectNode review) {
        Reviews.request(review).put("dryRun", true);
        return review;
    }

    static ObjectNode v1beta1(ObjectNode review) {
        review.put("apiVersion", "admission.k8s.io/v1beta1");
        return review;
    }

    static ObjectNode operation(ObjectNode review, String operation) {
        Reviews.request(review).put("operation", operation);
        if (!operation.equals("CREATE")) {
            Reviews.request(review).set("oldObject", Reviews.object(review).deepCopy());
        }
        return review;
    }

    static ObjectNode subResource(ObjectNode review, String subResource) {
        Reviews.request(review).put("subResource", subResource);
        Reviews.request(review).put("operation", "UPDATE");
        return review;
    }

    static ObjectNode kind(ObjectNode review, String group, String kind, String resource) {
        Reviews.request(review).putObject("kind").put("group", group).put("version", "v1").put("kind", kind);
        Reviews.request(review).putObject("resource").put("group", group).put("version", "v1")
                .put("resource", resource);
        return review;
    }

    static ObjectNode withoutObject(ObjectNode review) {
        Reviews.request(review).putNull("object");
        return review;
    }
}
