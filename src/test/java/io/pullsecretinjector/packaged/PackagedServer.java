package io.pullsecretinjector.packaged;

import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Configures the packaged application that the {@code @QuarkusIntegrationTest}s start as its own process (production
 * profile, the jar in target/quarkus-app): a certificate from certs/generate.sh in {@link #CERTS}, re-read every
 * second, no cluster, loopback-only ports chosen here, and the registry map below. Everything reaches the process as
 * system properties, so nothing test-only is packaged. Every IT class uses it with the same scope, so one process
 * serves them all — in the aot profile that process is the one whose run is recorded into app.aot.
 */
public class PackagedServer implements QuarkusTestResourceLifecycleManager {

    /** Absolute: the process runs in its own working directory. */
    static final Path CERTS = Path.of("target", "it-certs").toAbsolutePath();

    /** The shared harness's map (payloads/*.expected.json assume it), plus a path prefix, two secrets, a port. */
    static final Map<String, String> REGISTRIES = Map.of(
            "registry.example.com", "regcred",
            "ghcr.io", "ghcr-cred",
            "*.dkr.ecr.us-east-1.amazonaws.com", "ecr",
            "docker.io", "dockerhub",
            "gcr.io/gsf-mgmt-devmvp-spinnaker", "gcr",
            "quay.example.org", "quay-a,quay-b",
            "localhost:5000", "local");

    private static int webhookPort;
    private static int managementPort;

    @Override
    public Map<String, String> start() {
        TestCertificates.generate(CERTS);
        webhookPort = freePort();
        managementPort = freePort();
        Map<String, String> config = new HashMap<>();
        config.put("injector.tls.cert", CERTS.resolve("tls.crt").toString());
        config.put("injector.tls.key", CERTS.resolve("tls.key").toString());
        config.put("injector.tls.reload-period", "1s");
        config.put("injector.cluster.enabled", "false");
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.ssl-port", Integer.toString(webhookPort));
        config.put("quarkus.management.host", "127.0.0.1");
        config.put("quarkus.management.port", Integer.toString(managementPort));
        REGISTRIES.forEach((pattern, secrets) -> config.put("injector.registries.\"" + pattern + "\"", secrets));
        return config;
    }

    @Override
    public void stop() {
    }

    static URI mutate() {
        return URI.create("https://localhost:" + webhookPort + "/mutate?timeout=10s");
    }

    static URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    static String webhookHost() {
        return "localhost";
    }

    static int webhookPort() {
        return webhookPort;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
