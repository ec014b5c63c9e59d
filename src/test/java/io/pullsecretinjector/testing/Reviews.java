package io.pullsecretinjector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Builds AdmissionReview requests the way the API server shapes them. */
public final class Reviews {

    private Reviews() {
    }

    /** A v1 Pod CREATE review for {@code pod} in {@code namespace}. */
    public static ObjectNode podCreate(String namespace, JsonNode pod) {
        ObjectNode review = Json.MAPPER.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", UUID.randomUUID().toString());
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        request.putObject("requestKind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("requestResource").put("group", "").put("version", "v1").put("resource", "pods");
        request.put("namespace", namespace);
        request.put("operation", "CREATE");
        request.putObject("userInfo").put("username", "system:serviceaccount:kube-system:replicaset-controller");
        request.set("object", pod.deepCopy());
        request.putNull("oldObject");
        request.put("dryRun", false);
        request.putObject("options").put("kind", "CreateOptions").put("apiVersion", "meta.k8s.io/v1");
        return review;
    }

    /** A Pod with one container per image, as a controller creates it (generateName, no name). */
    public static ObjectNode pod(String... images) {
        ObjectNode pod = Json.MAPPER.createObjectNode();
        pod.put("kind", "Pod").put("apiVersion", "v1");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("generateName", "web-7d4b9c-");
        metadata.putObject("labels").put("app", "web");
        ObjectNode spec = pod.putObject("spec");
        var containers = spec.putArray("containers");
        for (int i = 0; i < images.length; i++) {
            containers.addObject().put("name", "c" + i).put("image", images[i]);
        }
        spec.put("restartPolicy", "Always");
        return pod;
    }

    public static ObjectNode request(ObjectNode review) {
        return (ObjectNode) review.get("request");
    }

    public static ObjectNode object(ObjectNode review) {
        return (ObjectNode) review.get("request").get("object");
    }
}
