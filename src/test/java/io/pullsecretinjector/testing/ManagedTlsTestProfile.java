package io.pullsecretinjector.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * {@code injector.tls.mode=managed} against the mock API server. The Service name is {@code localhost}, so the serving
 * certificate is issued for {@code localhost} (among its four names) and clients verify the host name as the API
 * server does. Sync is off: the shared leader election must still elect a writer of certificates. The files of {@code injector.tls.cert/key} do not exist: managed mode must never read them.
 */
public class ManagedTlsTestProfile implements QuarkusTestProfile {

    public static final String SERVICE = "localhost";
    public static final String CA_SECRET = "pull-secret-injector-ca";
    public static final String SERVING_SECRET = "pull-secret-injector-tls";
    public static final String WEBHOOK_CONFIGURATION = "pull-secret-injector.io";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "injector.cluster.enabled", "true",
                "injector.namespace", PullSecrets.INJECTOR_NAMESPACE,
                "injector.sync.identity", ClusterTestProfile.IDENTITY,
                // One election drives sync and certificates: certificates must not depend on sync being enabled.
                "injector.sync.enabled", "false",
                "injector.tls.mode", "managed",
                "injector.tls.service-name", SERVICE,
                "injector.tls.cert", "target/does-not-exist/tls.crt",
                "injector.tls.key", "target/does-not-exist/tls.key");
    }
}
