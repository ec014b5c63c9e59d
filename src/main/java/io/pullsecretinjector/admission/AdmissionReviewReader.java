package io.pullsecretinjector.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.pullsecretinjector.injection.PodView;
import io.pullsecretinjector.jsonskip.SkippingJsonFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an AdmissionReview body in one streaming pass. Envelope problems (not JSON, not an AdmissionReview, no
 * request, no uid) throw {@link MalformedReviewException}; anything else of the wrong type is recorded in
 * {@link AdmissionRequest#problems()} so the caller can still answer {@code allowed: true}.
 */
public final class AdmissionReviewReader {

    public static final String V1 = "admission.k8s.io/v1";
    public static final String V1BETA1 = "admission.k8s.io/v1beta1";
    static final String KIND = "AdmissionReview";

    /** Deeper nesting than any Pod has is an attack, not a Pod; Jackson stops it before it costs stack. */
    private static final int MAX_NESTING_DEPTH = 200;

    private final JsonFactory factory;

    public AdmissionReviewReader() {
        this(true);
    }

    /**
     * @param fastSkip whether skipped values are jumped over ({@link SkippingJsonFactory}) or tokenized by Jackson; the
     *                 second is the reference the equivalence test holds the first to
     */
    AdmissionReviewReader(boolean fastSkip) {
        JsonFactoryBuilder builder = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        this.factory = fastSkip ? new SkippingJsonFactory(builder) : builder.build();
    }

    public AdmissionRequest read(byte[] body) throws MalformedReviewException {
        return read(body, 0, body == null ? 0 : body.length);
    }

    /** Reads the AdmissionReview in {@code body[offset, offset + length)}. */
    public AdmissionRequest read(byte[] body, int offset, int length) throws MalformedReviewException {
        if (body == null || length == 0) {
            throw new MalformedReviewException("empty body: expected an AdmissionReview JSON object");
        }
        try (JsonParser p = factory.createParser(body, offset, length)) {
            return readReview(p);
        } catch (JsonProcessingException e) {
            throw new MalformedReviewException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedReviewException("body could not be read: " + e.getMessage());
        }
    }

    private AdmissionRequest readReview(JsonParser p) throws IOException, MalformedReviewException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedReviewException("body is not a JSON object: expected an AdmissionReview");
        }
        List<String> problems = new ArrayList<>(0);
        String apiVersion = null;
        String kind = null;
        RequestFields request = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "apiVersion" -> apiVersion = envelopeString(p, "apiVersion");
                case "kind" -> kind = envelopeString(p, "kind");
                case "request" -> request = readRequest(p, problems);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new MalformedReviewException("unexpected content after the AdmissionReview object");
        }
        apiVersion = checkType(apiVersion, kind);
        if (request == null) {
            throw new MalformedReviewException("AdmissionReview has no request object");
        }
        if (request.uid == null || request.uid.isEmpty()) {
            throw new MalformedReviewException("AdmissionReview request has no uid");
        }
        String namespace = request.namespace != null ? request.namespace : "";
        return new AdmissionRequest(apiVersion, request.uid, request.kindGroup, request.kind, request.resourceGroup,
                request.resource, request.subResource, request.operation, namespace, request.pod,
                List.copyOf(problems), request.oldPod, request.dryRun);
    }

    /** Accepts v1 and v1beta1; a missing apiVersion is read as v1 when the kind says AdmissionReview. */
    private static String checkType(String apiVersion, String kind) throws MalformedReviewException {
        if (kind != null && !KIND.equals(kind)) {
            throw new MalformedReviewException("kind is \"" + kind + "\", expected \"AdmissionReview\"");
        }
        if (apiVersion == null) {
            if (kind == null) {
                throw new MalformedReviewException("not an AdmissionReview: apiVersion and kind are missing");
            }
            return V1;
        }
        if (!V1.equals(apiVersion) && !V1BETA1.equals(apiVersion)) {
            throw new MalformedReviewException("unsupported apiVersion \"" + apiVersion + "\", expected \""
                    + V1 + "\" or \"" + V1BETA1 + "\"");
        }
        return apiVersion;
    }

    private static String envelopeString(JsonParser p, String field) throws IOException, MalformedReviewException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedReviewException(field + " must be a string");
        }
        return p.getText();
    }

    private static RequestFields readRequest(JsonParser p, List<String> problems)
            throws IOException, MalformedReviewException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedReviewException("request must be an object");
        }
        RequestFields request = new RequestFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "uid" -> request.uid = envelopeString(p, "request.uid");
                case "kind" -> readGroupKind(p, request, problems);
                case "resource" -> readGroupResource(p, request, problems);
                case "subResource" -> request.subResource = JsonValues.string(p, "request.subResource", problems);
                case "operation" -> request.operation = JsonValues.string(p, "request.operation", problems);
                case "namespace" -> request.namespace = JsonValues.string(p, "request.namespace", problems);
                case "object" -> request.pod = JsonValues.object(p, "request.object", problems)
                        ? PodReader.read(p, problems) : null;
                // Only its ephemeral container names matter (which ones kubectl debug adds); its problems are not
                // the request's, so they are read into a list of their own and dropped.
                case "oldObject" -> {
                    List<String> oldProblems = new ArrayList<>(0);
                    request.oldPod = JsonValues.object(p, "request.oldObject", oldProblems)
                            ? PodReader.read(p, oldProblems) : null;
                }
                // Anything but true counts as false: a dry run that looks real at worst costs one Event.
                case "dryRun" -> {
                    request.dryRun = p.currentToken() == JsonToken.VALUE_TRUE;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        return request;
    }

    private static void readGroupKind(JsonParser p, RequestFields request, List<String> problems) throws IOException {
        request.kindGroup = null;
        request.kind = null;
        if (!JsonValues.object(p, "request.kind", problems)) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "group" -> request.kindGroup = JsonValues.string(p, "request.kind.group", problems);
                case "kind" -> request.kind = JsonValues.string(p, "request.kind.kind", problems);
                default -> p.skipChildren();
            }
        }
    }

    private static void readGroupResource(JsonParser p, RequestFields request, List<String> problems)
            throws IOException {
        request.resourceGroup = null;
        request.resource = null;
        if (!JsonValues.object(p, "request.resource", problems)) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "group" -> request.resourceGroup = JsonValues.string(p, "request.resource.group", problems);
                case "resource" -> request.resource = JsonValues.string(p, "request.resource.resource", problems);
                default -> p.skipChildren();
            }
        }
    }

    /** Mutable while reading; becomes an {@link AdmissionRequest}. */
    private static final class RequestFields {
        String uid;
        String kindGroup;
        String kind;
        String resourceGroup;
        String resource;
        String subResource;
        String operation;
        String namespace;
        PodView pod;
        PodView oldPod;
        boolean dryRun;
    }
}
