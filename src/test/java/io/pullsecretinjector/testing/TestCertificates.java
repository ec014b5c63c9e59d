package io.pullsecretinjector.testing;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes the serving certificate every {@code @QuarkusTest} uses with {@code certs/generate.sh}, the same script the
 * demo and the self-signed deployment use, so the tests prove that its output is served. The test profile points
 * {@code injector.tls.cert} and {@code injector.tls.key} at {@link #DIR}.
 */
public class TestCertificates implements QuarkusTestResourceLifecycleManager {

    public static final Path DIR = Path.of("target", "test-certs");

    @Override
    public Map<String, String> start() {
        generate();
        return Map.of();
    }

    @Override
    public void stop() {
    }

    public static void generate() {
        run("--out", DIR.toString());
    }

    /** A new serving certificate signed by the same CA, as a rotation does. */
    public static void rotate() {
        rotate(DIR);
    }

    /** A CA and serving certificate in {@code dir} (kept if already there). */
    public static void generate(Path dir) {
        run("--out", dir.toString());
    }

    /** A new serving certificate in {@code dir}, signed by the CA already there. */
    public static void rotate(Path dir) {
        run("--out", dir.toString(), "--force");
    }

    private static void run(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", "certs/generate.sh"));
        command.addAll(java.util.List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("certs/generate.sh failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run certs/generate.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that accepts any server certificate: for tests about the connection, not the certificate. */
    public static SSLContext trustingAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
