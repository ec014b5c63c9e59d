package io.pullsecretinjector.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running application serves and reads, as the manifests must reference it. Ports and certificate files
 * come from src/main/resources/application.properties when it sets them (Quarkus defaults otherwise), so a change on
 * the server side fails the deploy tests instead of a cluster.
 */
final class ServerContract {

    /** Path of the admission endpoint. */
    static final String WEBHOOK_PATH = "/mutate";

    /** Directory the TLS Secret is mounted at; the server reads tls.crt and tls.key from it. */
    static final String TLS_DIR = "/etc/pull-secret-injector/tls";

    /** Quarkus reads config/application.properties in the working directory, /deployments in the UBI image. */
    static final String CONFIG_DIR = "/deployments/config";

    static final String CONFIG_FILE = "application.properties";

    static final String LIVENESS_PATH = "/q/health/live";
    static final String READINESS_PATH = "/q/health/ready";
    static final String STARTUP_PATH = "/q/health/started";

    /** Downward-API variables the configuration defaults read (injector.namespace, injector.sync.identity). */
    static final List<String> POD_ENV = List.of("POD_NAMESPACE", "POD_NAME");

    private static final Pattern DEFAULT_IN_EXPRESSION = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");
    private static final Pattern PEM_FILE = Pattern.compile("quarkus\\.tls\\.(?:[^.]+\\.)?key-store\\.pem\\.[^.]+\\.(?:cert|key)");

    private ServerContract() {
    }

    /** HTTPS port of the webhook ({@code quarkus.http.ssl-port}, default 8443). */
    static int webhookPort() {
        return property("quarkus.http.ssl-port").map(Integer::parseInt).orElse(8443);
    }

    /** Plain-HTTP management port for health and metrics ({@code quarkus.management.port}, default 9000). */
    static int managementPort() {
        return property("quarkus.management.port").map(Integer::parseInt).orElse(9000);
    }

    /** Whether the management interface is on; true until application.properties exists and says otherwise. */
    static boolean managementInterfaceEnabled() {
        return applicationProperties().isEmpty()
                || property("quarkus.management.enabled").map(Boolean::parseBoolean).orElse(false);
    }

    /** The PEM files of every TLS key store the server configures, or the two it is documented to read. */
    static List<String> tlsFiles() {
        List<String> configured = applicationProperties().map(properties -> properties.stringPropertyNames().stream()
                .map(key -> key.startsWith("%prod.") ? key.substring("%prod.".length()) : key)
                .filter(key -> PEM_FILE.matcher(key).matches()).distinct().sorted()
                .map(key -> property(key).orElseThrow()).toList()).orElse(List.of());
        return configured.isEmpty() ? List.of(TLS_DIR + "/tls.crt", TLS_DIR + "/tls.key") : configured;
    }

    /** The production value of {@code key}: {@code %prod.key} before {@code key}; an expression yields its default. */
    private static Optional<String> property(String key) {
        return applicationProperties().flatMap(properties -> Optional.ofNullable(properties.getProperty("%prod." + key))
                .or(() -> Optional.ofNullable(properties.getProperty(key)))).map(String::trim).map(value -> {
                    Matcher expression = DEFAULT_IN_EXPRESSION.matcher(value);
                    return expression.matches() ? expression.group(1) : value;
                });
    }

    private static Optional<Properties> applicationProperties() {
        Path file = Project.root().resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
