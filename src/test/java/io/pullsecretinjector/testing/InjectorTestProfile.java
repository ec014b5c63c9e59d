package io.pullsecretinjector.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The registry map the endpoint tests run against. */
public class InjectorTestProfile implements QuarkusTestProfile {

    public static final Map<String, String> REGISTRIES = Map.of(
            "registry.example.com", "regcred",
            "*.dkr.ecr.us-east-1.amazonaws.com", "ecr",
            "ghcr.io/acme", "ghcr-acme",
            "https://index.docker.io/v1/", "dockerhub",
            "gcr.io", "gcr",
            "localhost:5000", "local",
            "quay.io", "quay-a,quay-b");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new java.util.HashMap<>();
        REGISTRIES.forEach((pattern, secrets) -> config.put("injector.registries.\"" + pattern + "\"", secrets));
        return config;
    }
}
