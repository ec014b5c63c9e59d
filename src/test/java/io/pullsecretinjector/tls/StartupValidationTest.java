package io.pullsecretinjector.tls;

import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.config.InvalidConfigurationException;
import io.pullsecretinjector.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up reports every configuration problem at once: the serving certificate is the first bean built, and it
 * fails with its own problems and the registry map's and settings' together.
 */
class StartupValidationTest {

    @TempDir
    Path certs;

    @Test
    void aBadPatternABadSecretNameBadSettingsAndAMissingCertificateAreReportedTogether() {
        InjectorConfig config = config(Map.of(
                        "reg?.example.com", List.of("regcred"),
                        "registry.example.com", List.of("RegCred")),
                Duration.ZERO, certs.resolve("missing.crt"), certs.resolve("missing.key"), 0);

        assertThatThrownBy(() -> new ServingCertificate(config, new ConfiguredRules(config)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(5)
                        .anySatisfy(p -> assertThat(p).startsWith("injector.registries.\"reg?.example.com\""))
                        .anySatisfy(p -> assertThat(p).contains("\"RegCred\" is not a valid secret name"))
                        .anySatisfy(p -> assertThat(p).startsWith("injector.tls.reload-period: must be positive"))
                        .anySatisfy(p -> assertThat(p).startsWith("injector.events.queue-capacity: must be at least 1"))
                        .anySatisfy(p -> assertThat(p).startsWith("injector.tls.cert, injector.tls.key")
                                .contains("missing.crt")))
                .hasMessageStartingWith("5 configuration problem(s), fix them and start again");
    }

    @Test
    void aValidConfigurationStartsAndServesTheConfiguredCertificate() {
        TestCertificates.generate(certs);
        InjectorConfig config = config(Map.of("registry.example.com", List.of("regcred")), Duration.ofSeconds(30),
                certs.resolve("tls.crt"), certs.resolve("tls.key"));

        ServingCertificate serving = new ServingCertificate(config, new ConfiguredRules(config));

        assertThat(serving.servedFingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(serving.getKeyStore(null).options).isNotNull();
    }

    @Test
    void theRulesOfAnInvalidConfigurationAreNeverHandedOut() {
        InjectorConfig config = config(Map.of("registry.example.com", List.of("RegCred")), Duration.ofSeconds(30),
                certs.resolve("tls.crt"), certs.resolve("tls.key"));

        ConfiguredRules rules = new ConfiguredRules(config);

        assertThat(rules.problems()).hasSize(1);
        assertThatThrownBy(rules::rules).isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void managedModeReadsNoFileAndStartsWithACertificateNobodyTrusts() {
        InjectorConfig config = config(Map.of(), Duration.ZERO, certs.resolve("missing.crt"),
                certs.resolve("missing.key"), "managed", true, "pull-secret-injector");

        ServingCertificate serving = new ServingCertificate(config, new ConfiguredRules(config));

        assertThat(serving.servingIssuedCertificate()).isFalse();
        assertThat(serving.servedCertificate().getSubjectX500Principal().getName()).contains("stand-in");
        assertThat(serving.reload()).isFalse();
    }

    @Test
    void managedModeWithoutTheClusterAnUnknownModeAndABadServiceNameAreReported() {
        InjectorConfig managedWithoutCluster = config(Map.of(), Duration.ofSeconds(30), certs.resolve("missing.crt"),
                certs.resolve("missing.key"), "managed", false, "Pull_Secret_Injector");
        InjectorConfig unknownMode = config(Map.of(), Duration.ofSeconds(30), certs.resolve("missing.crt"),
                certs.resolve("missing.key"), "cert-manager", true, "pull-secret-injector");

        assertThat(new ConfiguredRules(managedWithoutCluster).problems()).containsExactlyInAnyOrder(
                "injector.tls.mode=managed needs the Kubernetes API: set injector.cluster.enabled=true",
                "injector.tls.service-name: \"Pull_Secret_Injector\" is not a valid name (lowercase DNS-1035 label, "
                        + "at most 63 characters)");
        assertThat(new ConfiguredRules(unknownMode).problems())
                .containsExactly("injector.tls.mode: must be files or managed, is \"cert-manager\"");
    }

    @Test
    void anUnknownTlsEngineIsReportedWithTheOtherProblems() {
        InjectorConfig unknownEngine = config(Map.of(), Duration.ofSeconds(30), certs.resolve("missing.crt"),
                certs.resolve("missing.key"), "managed", false, "pull-secret-injector", 1000, "openssl");

        assertThat(new ConfiguredRules(unknownEngine).problems()).containsExactlyInAnyOrder(
                "injector.tls.engine: must be boringssl or jdk, is \"openssl\"",
                "injector.tls.mode=managed needs the Kubernetes API: set injector.cluster.enabled=true");
    }

    private static InjectorConfig config(Map<String, List<String>> registries, Duration reloadPeriod, Path cert,
                                         Path key) {
        return config(registries, reloadPeriod, cert, key, 1000);
    }

    private static InjectorConfig config(Map<String, List<String>> registries, Duration reloadPeriod, Path cert,
                                         Path key, int eventQueueCapacity) {
        return config(registries, reloadPeriod, cert, key, "files", false, "pull-secret-injector", eventQueueCapacity);
    }

    private static InjectorConfig config(Map<String, List<String>> registries, Duration reloadPeriod, Path cert,
                                         Path key, String mode, boolean cluster, String serviceName) {
        return config(registries, reloadPeriod, cert, key, mode, cluster, serviceName, 1000);
    }

    private static InjectorConfig config(Map<String, List<String>> registries, Duration reloadPeriod, Path cert,
                                         Path key, String mode, boolean cluster, String serviceName,
                                         int eventQueueCapacity) {
        return config(registries, reloadPeriod, cert, key, mode, cluster, serviceName, eventQueueCapacity,
                "boringssl");
    }

    private static InjectorConfig config(Map<String, List<String>> registries, Duration reloadPeriod, Path cert,
                                         Path key, String mode, boolean cluster, String serviceName,
                                         int eventQueueCapacity, String engine) {
        return new InjectorConfig() {
            @Override
            public Events events() {
                return new Events() {
                    @Override
                    public Duration dedupeWindow() {
                        return Duration.ofMinutes(10);
                    }

                    @Override
                    public int queueCapacity() {
                        return eventQueueCapacity;
                    }
                };
            }

            @Override
            public Map<String, List<String>> registries() {
                return registries;
            }

            @Override
            public String namespace() {
                return "pull-secret-injector";
            }

            @Override
            public Cluster cluster() {
                return new Cluster() {
                    @Override
                    public boolean enabled() {
                        return cluster;
                    }

                    @Override
                    public Duration resyncPeriod() {
                        return Duration.ofMinutes(10);
                    }
                };
            }

            @Override
            public WarmUp warmUp() {
                return new WarmUp() {
                    @Override
                    public int requests() {
                        return 0;
                    }

                    @Override
                    public Duration maxDuration() {
                        return Duration.ofSeconds(3);
                    }
                };
            }

            @Override
            public Sync sync() {
                return new Sync() {
                    @Override
                    public boolean enabled() {
                        return false;
                    }

                    @Override
                    public String leaseName() {
                        return "lease";
                    }

                    @Override
                    public String identity() {
                        return "test";
                    }
                };
            }

            @Override
            public Explain explain() {
                return () -> true;
            }

            @Override
            public Tls tls() {
                return new Tls() {
                    @Override
                    public String mode() {
                        return mode;
                    }

                    @Override
                    public String caSecret() {
                        return "pull-secret-injector-ca";
                    }

                    @Override
                    public String secret() {
                        return "pull-secret-injector-tls";
                    }

                    @Override
                    public String serviceName() {
                        return serviceName;
                    }

                    @Override
                    public String webhookConfiguration() {
                        return "pull-secret-injector.io";
                    }

                    @Override
                    public Path cert() {
                        return cert;
                    }

                    @Override
                    public Path key() {
                        return key;
                    }

                    @Override
                    public Duration reloadPeriod() {
                        return reloadPeriod;
                    }

                    @Override
                    public String engine() {
                        return engine;
                    }
                };
            }
        };
    }
}
