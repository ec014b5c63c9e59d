package io.pullsecretinjector.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pullsecretinjector.admission.AdmissionHandler;
import io.pullsecretinjector.admission.AdmissionMetrics;
import io.pullsecretinjector.image.InvalidRegistryPatternException;
import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.image.RegistryPattern;
import io.pullsecretinjector.image.RegistryRule;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.PullSecretInjector;
import io.pullsecretinjector.injection.SecretDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inputs shared by the benchmarks: the harness payloads, generated rule sets, generated Pods. */
public final class BenchData {

    /** The harness's registries.json (../shared/bench): the rules every payload's expected answer assumes. */
    public static final Map<String, String> HARNESS_RULES = Map.of(
            "registry.example.com", "regcred",
            "ghcr.io", "ghcr-cred",
            "*.dkr.ecr.us-east-1.amazonaws.com", "ecr",
            "docker.io", "dockerhub");

    private BenchData() {
    }

    /** A harness payload from the test resources: small, typical or large. */
    public static byte[] payload(String name) {
        try (InputStream in = BenchData.class.getResourceAsStream("/payloads/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code total} patterns: the harness rules plus generated ones that match none of the payloads' images, mixed
     * as exact hosts, one-label wildcards, path prefixes under busy hosts (ghcr.io, docker.io) and host:port/path.
     * Same shapes as src/bench/http-bench.sh writes for RULES=N.
     */
    public static Map<String, String> patterns(int total) {
        Map<String, String> rules = new LinkedHashMap<>(HARNESS_RULES);
        for (int i = 0; rules.size() < total; i++) {
            rules.put(generatedPattern(i), "s-" + i);
        }
        return rules;
    }

    public static String generatedPattern(int i) {
        return switch (i % 4) {
            case 0 -> "reg-" + i + ".corp-" + (i % 97) + ".example.com";
            case 1 -> "*.apps-" + i + ".example.net";
            case 2 -> (i % 8 == 2 ? "ghcr.io/team-" : "docker.io/org-") + i;
            default -> "registry-" + i + ".internal:5000/project-" + i;
        };
    }

    public static RegistryIndex index(int total) {
        List<RegistryRule> rules = new ArrayList<>();
        patterns(total).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            try {
                rules.add(RegistryRule.usable(RegistryPattern.parse(e.getKey()), List.of(e.getValue()), "config"));
            } catch (InvalidRegistryPatternException ex) {
                throw new IllegalStateException(ex);
            }
        });
        return RegistryIndex.of(rules);
    }

    public static AdmissionHandler handler(int rules) {
        RegistryIndex index = index(rules);
        PullSecretInjector injector = new PullSecretInjector(() -> index, NamespaceDirectory.UNKNOWN,
                SecretDirectory.UNKNOWN);
        return new AdmissionHandler(injector, new AdmissionMetrics(new SimpleMeterRegistry()));
    }

    /**
     * A Pod CREATE review with {@code containers} containers shaped like the harness's typical ones (env, probes,
     * resources, the service-account mount), images cycling over the registries of the typical payload.
     */
    public static byte[] podWithContainers(int containers) {
        String[] images = {"registry.example.com/shop/checkout:1.14.2", "busybox:1.36",
                "ghcr.io/open-telemetry/collector:0.98.0", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fb:2.2.2",
                "quay.io/prometheus/node-exporter:v1.8.0"};
        StringBuilder s = new StringBuilder();
        s.append("{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{")
                .append("\"uid\":\"5b0ad3a4-0c43-4a7c-9c1e-2f1b8f3f8d11\",")
                .append("\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},")
                .append("\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},")
                .append("\"namespace\":\"shop\",\"operation\":\"CREATE\",")
                .append("\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"generateName\":\"app-\",")
                .append("\"namespace\":\"shop\",\"labels\":{\"app\":\"app\"}},\"spec\":{\"containers\":[");
        for (int i = 0; i < containers; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"name\":\"c").append(i).append("\",\"image\":\"").append(images[i % images.length])
                    .append("\",\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}],")
                    .append("\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"info\"},{\"name\":\"POD_IP\",\"valueFrom\":")
                    .append("{\"fieldRef\":{\"apiVersion\":\"v1\",\"fieldPath\":\"status.podIP\"}}}],")
                    .append("\"resources\":{\"limits\":{\"memory\":\"256Mi\"},\"requests\":{\"cpu\":\"100m\"}},")
                    .append("\"volumeMounts\":[{\"name\":\"kube-api-access-x\",\"readOnly\":true,")
                    .append("\"mountPath\":\"/var/run/secrets/kubernetes.io/serviceaccount\"}],")
                    .append("\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":8080,\"scheme\":\"HTTP\"},")
                    .append("\"timeoutSeconds\":1,\"periodSeconds\":10,\"successThreshold\":1,\"failureThreshold\":3},")
                    .append("\"terminationMessagePath\":\"/dev/termination-log\",")
                    .append("\"terminationMessagePolicy\":\"File\",\"imagePullPolicy\":\"IfNotPresent\"}");
        }
        s.append("],\"restartPolicy\":\"Always\",\"serviceAccountName\":\"default\"},\"status\":{}},")
                .append("\"oldObject\":null,\"dryRun\":false}}\n");
        return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
