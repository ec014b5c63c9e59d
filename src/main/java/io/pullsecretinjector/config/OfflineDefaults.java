package io.pullsecretinjector.config;

import io.pullsecretinjector.image.RegistryIndex;
import io.pullsecretinjector.injection.NamespaceDirectory;
import io.pullsecretinjector.injection.RegistryRules;
import io.pullsecretinjector.injection.SecretDirectory;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What the decision uses when nothing better is installed: the static registry map, and no knowledge of namespaces
 * or secrets (so the API server's namespaceSelector is trusted and no secret is reported missing). The Kubernetes
 * beans in {@code io.pullsecretinjector.kube} replace these.
 */
@Singleton
public class OfflineDefaults {

    @Produces
    @Singleton
    @DefaultBean
    RegistryRules staticRules(ConfiguredRules configured) {
        RegistryIndex index = RegistryIndex.of(configured.rules());
        return () -> index;
    }

    @Produces
    @Singleton
    @DefaultBean
    NamespaceDirectory unknownNamespaces() {
        return NamespaceDirectory.UNKNOWN;
    }

    @Produces
    @Singleton
    @DefaultBean
    SecretDirectory unknownSecrets() {
        return SecretDirectory.UNKNOWN;
    }
}
