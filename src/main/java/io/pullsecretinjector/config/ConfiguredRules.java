package io.pullsecretinjector.config;

import io.pullsecretinjector.image.InvalidRegistryPatternException;
import io.pullsecretinjector.image.RegistryPattern;
import io.pullsecretinjector.image.RegistryRule;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The registry rules of the static {@code injector.registries} map, validated when the application starts.
 * Start-up stops with one message that lists every invalid pattern, secret name and setting (and an unusable serving
 * certificate), so an operator fixes them all in one round instead of one per restart.
 */
@Startup
@Singleton
public final class ConfiguredRules {

    /** Origin recorded on rules from the static map (shown in warnings and logs). */
    public static final String ORIGIN = "config";

    /** DNS-1123 subdomain, the rule for Secret names (k8s.io/apimachinery IsDNS1123Subdomain). */
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int DNS1123_SUBDOMAIN_MAX = 253;
    /** DNS-1035 label, the rule for Service names (the first label of the serving certificate's DNS names). */
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final int DNS1035_LABEL_MAX = 63;

    private final List<RegistryRule> rules;
    private final List<String> problems;

    /**
     * Parses the registry map and checks the settings once. It does not throw: the serving certificate
     * ({@code tls.ServingCertificate}) is the first bean the application builds, and it reports these problems
     * together with its own in one start-up failure.
     */
    public ConfiguredRules(InjectorConfig config) {
        List<String> found = new ArrayList<>();
        this.rules = parse(config.registries(), found);
        found.addAll(settingProblems(config));
        this.problems = List.copyOf(found);
    }

    /** Every problem found in the configuration's values, in the words the start-up failure uses. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The rules in configuration order: patterns sorted by their text, secrets in the order written.
     *
     * @throws InvalidConfigurationException if the configuration has problems (start-up has failed already)
     */
    public List<RegistryRule> rules() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return rules;
    }

    private static List<String> settingProblems(InjectorConfig config) {
        List<String> problems = new ArrayList<>();
        InjectorConfig.Tls tls = config.tls();
        if (!List.of(InjectorConfig.Tls.BORINGSSL, InjectorConfig.Tls.JDK).contains(tls.engine())) {
            problems.add("injector.tls.engine: must be boringssl or jdk, is \"" + tls.engine() + "\"");
        }
        if (!List.of(InjectorConfig.Tls.FILES, InjectorConfig.Tls.MANAGED).contains(tls.mode())) {
            problems.add("injector.tls.mode: must be files or managed, is \"" + tls.mode() + "\"");
        } else if (managedTls(config)) {
            if (!config.cluster().enabled()) {
                problems.add("injector.tls.mode=managed needs the Kubernetes API: set injector.cluster.enabled=true");
            }
            requireName("injector.tls.ca-secret", tls.caSecret(), DNS1123_SUBDOMAIN, problems);
            requireName("injector.tls.secret", tls.secret(), DNS1123_SUBDOMAIN, problems);
            requireName("injector.tls.service-name", tls.serviceName(), DNS1035_LABEL, problems);
            requireName("injector.tls.webhook-configuration", tls.webhookConfiguration(), DNS1123_SUBDOMAIN, problems);
            if (tls.caSecret().equals(tls.secret())) {
                problems.add("injector.tls.ca-secret and injector.tls.secret: must be two different Secrets, both are \""
                        + tls.secret() + "\"");
            }
        } else {
            requirePositive("injector.tls.reload-period", tls.reloadPeriod(), problems);
        }
        requirePositive("injector.events.dedupe-window", config.events().dedupeWindow(), problems);
        if (config.events().queueCapacity() < 1) {
            problems.add("injector.events.queue-capacity: must be at least 1, is " + config.events().queueCapacity());
        }
        return problems;
    }

    /** Whether the injector issues its own certificates ({@code injector.tls.mode=managed}). */
    public static boolean managedTls(InjectorConfig config) {
        return InjectorConfig.Tls.MANAGED.equals(config.tls().mode());
    }

    private static void requireName(String key, String value, Pattern rule, List<String> problems) {
        int max = rule == DNS1035_LABEL ? DNS1035_LABEL_MAX : DNS1123_SUBDOMAIN_MAX;
        if (value.length() > max || !rule.matcher(value).matches()) {
            problems.add(key + ": \"" + value + "\" is not a valid name (lowercase DNS-"
                    + (rule == DNS1035_LABEL ? "1035 label" : "1123 subdomain") + ", at most " + max + " characters)");
        }
    }

    private static void requirePositive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": must be positive, is " + value);
        }
    }

    private static List<RegistryRule> parse(Map<String, List<String>> registries, List<String> problems) {
        List<RegistryRule> parsed = new ArrayList<>();
        // SmallRye hands the map over without source order; sorting makes the order deterministic and documented.
        for (Map.Entry<String, List<String>> entry : new TreeMap<>(registries).entrySet()) {
            String key = entry.getKey();
            RegistryPattern pattern = null;
            try {
                pattern = RegistryPattern.parse(key);
            } catch (InvalidRegistryPatternException e) {
                problems.add("injector.registries.\"" + key + "\": invalid registry pattern: " + e.getMessage());
            }
            List<String> secrets = entry.getValue() == null ? List.of() : entry.getValue().stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
            if (secrets.isEmpty()) {
                problems.add("injector.registries.\"" + key + "\": no secret name given");
            }
            for (String secret : secrets) {
                if (!isSecretName(secret)) {
                    problems.add("injector.registries.\"" + key + "\": \"" + secret
                            + "\" is not a valid secret name (lowercase DNS-1123 subdomain, at most 253 characters)");
                }
            }
            if (pattern != null && !secrets.isEmpty()) {
                parsed.add(RegistryRule.usable(pattern, secrets, ORIGIN));
            }
        }
        return List.copyOf(parsed);
    }

    public static boolean isSecretName(String name) {
        return name.length() <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.matcher(name).matches();
    }
}
