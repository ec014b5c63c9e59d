package io.pullsecretinjector.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pullsecretinjector.admission.AdmissionHandler;
import io.pullsecretinjector.admission.AdmissionMetrics;
import io.pullsecretinjector.admission.AdmissionReviewReader;
import io.pullsecretinjector.injection.PullSecretInjector;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /q/injector/explain}: what {@code /mutate} answers for a Pod, from the same code. The Pod (JSON or YAML,
 * bare or inside an AdmissionReview) goes through an {@link AdmissionHandler} built on the same
 * {@link PullSecretInjector}, so reading, decision, patch and warnings are exactly those of admission; only the
 * side effects differ: its metrics go to a registry nobody reads, so explaining never counts as an admission.
 * The returned JSON Patch is then applied (fabric8's zjsonpatch, already on the classpath) to show the Pod after it.
 */
@Singleton
class PodExplainer {

    private final AdmissionHandler admission;
    private final Explainer explainer;
    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper();

    PodExplainer(PullSecretInjector injector, Explainer explainer, ObjectMapper json) {
        // Same class, same injector; metrics that go nowhere (an explain is not an admission).
        this.admission = new AdmissionHandler(injector, new AdmissionMetrics(new SimpleMeterRegistry()));
        this.explainer = explainer;
        this.json = json;
    }

    /**
     * @param decision         whether the Pod is allowed (always) and patched, and the secrets the patch adds
     * @param patch            the JSON Patch {@code /mutate} returns, decoded; empty when there is none
     * @param warnings         the admission warnings, as kubectl would print them
     * @param podAfterPatch    the Pod with the patch applied
     * @param admissionReview  the {@code /mutate} response body, verbatim
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(ClusterFacts.NamespaceState namespace, Decision decision, JsonNode patch, List<String> warnings,
                  JsonNode auditAnnotations, JsonNode podAfterPatch, String patchError,
                  List<ContainerAnswer> containers, JsonNode admissionReview) {
    }

    record Decision(boolean allowed, boolean patched, List<String> secretsAdded) {
    }

    record ContainerAnswer(String field, String name, ImageExplainer.Result explanation) {
    }

    Answer explain(byte[] body, String namespaceParameter) throws ExplainRequestException {
        if (body == null || body.length == 0) {
            throw new ExplainRequestException("empty body: expected a Pod or an AdmissionReview, as JSON or YAML");
        }
        if (body.length > AdmissionHandler.MAX_BODY_BYTES) {
            throw new ExplainRequestException("body is " + body.length + " bytes, over the limit of "
                    + AdmissionHandler.MAX_BODY_BYTES + " bytes (4 MiB)");
        }
        boolean isJson = startsWithBrace(body);
        JsonNode document = isJson ? readJson(body) : readYaml(body);
        if (!document.isObject()) {
            throw new ExplainRequestException("expected a Pod or an AdmissionReview object, got a JSON "
                    + document.getNodeType().name().toLowerCase());
        }
        String kind = document.path("kind").asText("");
        byte[] review;
        JsonNode pod;
        String namespace;
        if ("AdmissionReview".equals(kind) || kind.isEmpty() && document.has("request")) {
            // A JSON review is passed on byte for byte, so the handler reads exactly what the API server would send.
            review = isJson ? body : bytes(document);
            pod = document.path("request").path("object");
            namespace = document.path("request").path("namespace").asText("");
        } else if ("Pod".equals(kind) || kind.isEmpty() && document.has("spec")) {
            pod = document;
            namespace = namespaceOf(document, namespaceParameter);
            review = bytes(syntheticCreate(document, namespace));
        } else {
            throw new ExplainRequestException("expected a Pod or an AdmissionReview, got kind \"" + kind + "\"");
        }

        AdmissionHandler.Answer answer = admission.handle(review);
        JsonNode response = readAnswer(answer.body());
        if (answer.status() != 200) {
            throw new ExplainRequestException(response.path("message").asText("not an AdmissionReview"));
        }
        JsonNode inner = response.path("response");
        ArrayNode patch = decodePatch(inner);
        JsonNode after = null;
        String patchError = null;
        if (pod.isObject()) {
            try {
                after = patch.isEmpty() ? pod : JsonPatch.apply(patch, pod);
            } catch (RuntimeException e) {
                patchError = "the patch does not apply to this Pod: " + e.getMessage();
            }
        }
        List<String> warnings = new ArrayList<>();
        inner.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new Answer(explainer.namespace(namespace),
                new Decision(inner.path("allowed").asBoolean(false), !patch.isEmpty(), secretsAdded(patch)),
                patch, warnings, inner.get("auditAnnotations"), after, patchError, containers(pod, namespace),
                response);
    }

    private static boolean startsWithBrace(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private JsonNode readJson(byte[] body) throws ExplainRequestException {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ExplainRequestException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ExplainRequestException("body could not be read: " + e.getMessage());
        }
    }

    private JsonNode readYaml(byte[] body) throws ExplainRequestException {
        List<JsonNode> documents = new ArrayList<>(1);
        // Document by document: readValues would unwrap a top-level sequence into its elements.
        try (JsonParser parser = yaml.createParser(body)) {
            for (JsonNode document = yaml.readTree(parser); document != null; document = yaml.readTree(parser)) {
                if (!document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (JsonProcessingException e) {
            throw new ExplainRequestException("body is neither JSON nor valid YAML: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new ExplainRequestException("body is neither JSON nor valid YAML: " + e.getMessage());
        }
        if (documents.size() != 1) {
            throw new ExplainRequestException("expected one YAML document (a Pod or an AdmissionReview), found "
                    + documents.size());
        }
        return documents.get(0);
    }

    private static String namespaceOf(JsonNode pod, String parameter) throws ExplainRequestException {
        if (parameter != null && !parameter.isEmpty()) {
            return parameter;
        }
        String own = pod.path("metadata").path("namespace").asText("");
        if (own.isEmpty()) {
            throw new ExplainRequestException("the Pod has no metadata.namespace: add ?namespace=<namespace>");
        }
        return own;
    }

    /** A Pod CREATE review as the API server would send it for this Pod. */
    private ObjectNode syntheticCreate(JsonNode pod, String namespace) {
        ObjectNode review = json.createObjectNode();
        review.put("apiVersion", AdmissionReviewReader.V1);
        review.put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", "explain-" + UUID.randomUUID());
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        request.put("namespace", namespace);
        request.put("operation", "CREATE");
        request.set("object", pod);
        request.put("dryRun", true);
        return review;
    }

    private ArrayNode decodePatch(JsonNode response) throws ExplainRequestException {
        JsonNode patch = response.get("patch");
        if (patch == null || patch.isNull()) {
            return json.createArrayNode();
        }
        try {
            return (ArrayNode) json.readTree(Base64.getDecoder().decode(patch.asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the admission handler wrote a patch that is not JSON", e);
        }
    }

    private JsonNode readAnswer(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the admission handler wrote a body that is not JSON", e);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The secret names the patch appends to {@code spec.imagePullSecrets}, in order. */
    private static List<String> secretsAdded(ArrayNode patch) {
        List<String> names = new ArrayList<>();
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            JsonNode value = op.path("value");
            if ("/spec/imagePullSecrets".equals(path)) {
                value.forEach(entry -> names.add(entry.path("name").asText()));
            } else if ("/spec/imagePullSecrets/-".equals(path)) {
                names.add(value.path("name").asText());
            }
        }
        return names;
    }

    private List<ContainerAnswer> containers(JsonNode pod, String namespace) {
        List<ContainerAnswer> answers = new ArrayList<>();
        Map<String, ImageExplainer.Result> byImage = new LinkedHashMap<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode container : pod.path("spec").path(field)) {
                JsonNode image = container.path("image");
                if (image.isTextual() && !image.asText().isEmpty()) {
                    answers.add(new ContainerAnswer(field, container.path("name").asText(""),
                            byImage.computeIfAbsent(image.asText(), i -> explainer.imageOnly(i, namespace))));
                }
            }
        }
        return answers;
    }
}
