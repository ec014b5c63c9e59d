package io.pullsecretinjector.deploy;

import io.pullsecretinjector.config.InjectorConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a rendered application.properties the way the application does: SmallRye Config maps it onto
 * {@link InjectorConfig}, with the Pod's downward-API variables the defaults refer to.
 */
final class InjectorConfiguration {

    private InjectorConfiguration() {
    }

    static InjectorConfig read(Properties applicationProperties, String podNamespace) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // "10m", "30s": Quarkus's duration syntax, as the application parses it.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(applicationProperties, "rendered application.properties", 250))
                .withSources(new PropertiesConfigSource(
                        Map.of("POD_NAMESPACE", podNamespace, "POD_NAME", "pull-secret-injector-0"), "downward API", 300))
                .withMapping(InjectorConfig.class)
                // Settings of other parts of the application (quarkus.*) and of newer injector versions are not
                // this test's business; unknown keys would only be reported by the application itself.
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(InjectorConfig.class);
    }
}
