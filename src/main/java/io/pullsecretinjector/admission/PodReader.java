package io.pullsecretinjector.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pullsecretinjector.injection.ContainerImage;
import io.pullsecretinjector.injection.InjectorLabels;
import io.pullsecretinjector.injection.PodOwner;
import io.pullsecretinjector.injection.PodView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the few Pod fields the decision needs straight from the token stream and skips everything else: binding the
 * whole Pod (managedFields, volumes, env...) was most of the cost per request. Duplicate keys resolve to the last
 * value, as in Go's decoder that the API server uses. Type problems are collected, not thrown.
 */
final class PodReader {

    private final JsonParser p;
    private final List<String> problems;

    private String name;
    private String generateName;
    private String enabledLabel;
    private boolean mirror;
    private boolean metadataPresent;
    private boolean annotationsPresent;
    private String injectedAnnotation;
    private PodOwner owner;
    private List<ContainerImage> initContainers = List.of();
    private List<ContainerImage> containers = List.of();
    private List<ContainerImage> ephemeralContainers = List.of();
    private List<String> pullSecrets = List.of();

    private PodReader(JsonParser p, List<String> problems) {
        this.p = p;
        this.problems = problems;
    }

    /** Reads the Pod object at the parser's current {@code START_OBJECT}; problems are added to {@code problems}. */
    static PodView read(JsonParser p, List<String> problems) throws IOException {
        PodReader reader = new PodReader(p, problems);
        reader.readPod();
        return reader.view();
    }

    private PodView view() {
        List<ContainerImage> images = new ArrayList<>(
                initContainers.size() + containers.size() + ephemeralContainers.size());
        images.addAll(initContainers);
        images.addAll(containers);
        images.addAll(ephemeralContainers);
        String displayName = name != null && !name.isEmpty() ? name
                : generateName != null ? generateName + "*" : "";
        return new PodView(displayName, enabledLabel, mirror, images, pullSecrets, metadataPresent,
                annotationsPresent, injectedAnnotation, owner);
    }

    private void readPod() throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "metadata" -> readMetadata();
                case "spec" -> readSpec();
                default -> p.skipChildren();
            }
        }
    }

    private void readMetadata() throws IOException {
        metadataPresent = JsonValues.object(p, "metadata", problems);
        // Last value wins for a repeated key, so reset what an earlier "metadata" may have set.
        name = null;
        generateName = null;
        enabledLabel = null;
        mirror = false;
        annotationsPresent = false;
        injectedAnnotation = null;
        owner = null;
        if (!metadataPresent) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = JsonValues.string(p, "metadata.name", problems);
                case "generateName" -> generateName = JsonValues.string(p, "metadata.generateName", problems);
                case "labels" -> readLabels();
                case "annotations" -> readAnnotations();
                case "ownerReferences" -> readOwnerReferences();
                default -> p.skipChildren();
            }
        }
    }

    /**
     * The controller reference, else the first complete one. An odd reference is skipped without a problem: it only
     * costs the Event on the owner, never the Pod's secrets.
     */
    private void readOwnerReferences() throws IOException {
        owner = null;
        List<String> ignored = new ArrayList<>(0);
        if (!JsonValues.array(p, "metadata.ownerReferences", ignored)) {
            return;
        }
        PodOwner first = null;
        PodOwner controller = null;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!JsonValues.object(p, "metadata.ownerReferences[]", ignored)) {
                continue;
            }
            String apiVersion = null;
            String kind = null;
            String ownerName = null;
            String uid = null;
            boolean isController = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "apiVersion" -> apiVersion = JsonValues.string(p, key, ignored);
                    case "kind" -> kind = JsonValues.string(p, key, ignored);
                    case "name" -> ownerName = JsonValues.string(p, key, ignored);
                    case "uid" -> uid = JsonValues.string(p, key, ignored);
                    case "controller" -> {
                        isController = p.currentToken() == JsonToken.VALUE_TRUE;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (isSet(apiVersion) && isSet(kind) && isSet(ownerName) && isSet(uid)) {
                PodOwner reference = new PodOwner(apiVersion, kind, ownerName, uid);
                first = first == null ? reference : first;
                controller = controller == null && isController ? reference : controller;
            }
        }
        owner = controller != null ? controller : first;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    private void readLabels() throws IOException {
        enabledLabel = null;
        if (!JsonValues.object(p, "metadata.labels", problems)) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (InjectorLabels.ENABLED.equals(key)) {
                enabledLabel = JsonValues.string(p, "metadata.labels[" + key + "]", problems);
            } else {
                p.skipChildren();
            }
        }
    }

    private void readAnnotations() throws IOException {
        annotationsPresent = false;
        mirror = false;
        injectedAnnotation = null;
        if (!JsonValues.object(p, "metadata.annotations", problems)) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            annotationsPresent = true;
            if (InjectorLabels.INJECTED.equals(key)) {
                injectedAnnotation = JsonValues.string(p, "metadata.annotations[" + key + "]", problems);
            } else {
                mirror |= InjectorLabels.MIRROR_POD.equals(key);
                p.skipChildren();
            }
        }
    }

    private void readSpec() throws IOException {
        initContainers = List.of();
        containers = List.of();
        ephemeralContainers = List.of();
        pullSecrets = List.of();
        if (!JsonValues.object(p, "spec", problems)) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "initContainers" -> initContainers = readContainers(field);
                case "containers" -> containers = readContainers(field);
                case "ephemeralContainers" -> ephemeralContainers = readContainers(field);
                case "imagePullSecrets" -> pullSecrets = readPullSecrets();
                default -> p.skipChildren();
            }
        }
    }

    private List<ContainerImage> readContainers(String field) throws IOException {
        String list = "spec." + field;
        if (!JsonValues.array(p, list, problems)) {
            return List.of();
        }
        List<ContainerImage> result = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            if (!JsonValues.object(p, list, i, problems)) {
                continue;
            }
            String containerName = null;
            String image = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "name" -> containerName = JsonValues.string(p, list, i, ".name", problems);
                    case "image" -> image = JsonValues.string(p, list, i, ".image", problems);
                    default -> p.skipChildren();
                }
            }
            result.add(new ContainerImage(field, containerName == null ? "" : containerName, image));
        }
        return result;
    }

    private List<String> readPullSecrets() throws IOException {
        if (!JsonValues.array(p, "spec.imagePullSecrets", problems)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            // Go decodes a null entry as an empty reference; keep its slot so the list still counts as non-empty.
            String secretName = "";
            if (JsonValues.object(p, "spec.imagePullSecrets", i, problems)) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if ("name".equals(key)) {
                        String value = JsonValues.string(p, "spec.imagePullSecrets", i, ".name", problems);
                        secretName = value == null ? "" : value;
                    } else {
                        p.skipChildren();
                    }
                }
            }
            names.add(secretName);
        }
        return names;
    }
}
