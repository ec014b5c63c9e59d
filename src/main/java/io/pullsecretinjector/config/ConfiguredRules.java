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
 * Start-up stops with one message that lists every invalid pattern and secret name, so an operator fixes them all in
 * one round instead of one per restart.
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

    private final List<RegistryRule> rules;

    public ConfiguredRules(InjectorConfig config) {
        List<String> problems = new ArrayList<>();
        this.rules = parse(config.registries(), problems);
        problems.addAll(settingProblems(config));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /**
     * Every problem in the configuration's values (registry map and settings), without throwing. The serving
     * certificate is read before any other bean exists and reports these together with its own problems, so one
     * start-up lists everything to fix.
     */
    public static List<String> problems(InjectorConfig config) {
        List<String> problems = new ArrayList<>();
        parse(config.registries(), problems);
        problems.addAll(settingProblems(config));
        return problems;
    }

    private static List<String> settingProblems(InjectorConfig config) {
        List<String> problems = new ArrayList<>();
        requirePositive("injector.tls.reload-period", config.tls().reloadPeriod(), problems);
        return problems;
    }

    private static void requirePositive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": must be positive, is " + value);
        }
    }

    /** The rules in configuration order: patterns sorted by their text, secrets in the order written. */
    public List<RegistryRule> rules() {
        return rules;
    }

    static List<RegistryRule> parse(Map<String, List<String>> registries) {
        List<String> problems = new ArrayList<>();
        List<RegistryRule> rules = parse(registries, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return rules;
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
