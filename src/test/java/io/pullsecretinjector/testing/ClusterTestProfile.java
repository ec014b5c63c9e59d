package io.pullsecretinjector.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The cluster side switched on (the main test profile runs without it), with a fixed namespace and identity. */
public class ClusterTestProfile implements QuarkusTestProfile {

    public static final String IDENTITY = "replica-a";
    public static final String LEASE = "pull-secret-injector-sync";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "injector.cluster.enabled", "true",
                "injector.namespace", PullSecrets.INJECTOR_NAMESPACE,
                "injector.sync.identity", IDENTITY,
                "injector.sync.lease-name", LEASE,
                // A static rule, to prove it merges with the learnt ones and comes first.
                "injector.registries.\"static.example.com\"", "static-cred");
    }
}
