package io.pullsecretinjector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration of pull-secret-injector (prefix {@code injector}). Every property is listed, with the same
 * words, in the README's configuration table. {@link ConfiguredRules} checks the registry map at start-up and reports every
 * problem at once.
 */
@ConfigMapping(prefix = "injector")
public interface InjectorConfig {

    /**
     * Registry pattern to secret names: {@code injector.registries."registry.example.com"=regcred,other}. A pattern
     * means what a key of a {@code .dockerconfigjson} {@code auths} map means to the kubelet:
     * {@code host[:port][/path-prefix]}, {@code *} globbing one DNS label. Empty by default.
     */
    Map<String, List<String>> registries();

    /**
     * The injector's own namespace, where source secrets live. Defaults to the running Pod's namespace (downward API
     * variable {@code POD_NAMESPACE}), else {@code pull-secret-injector}.
     */
    @WithDefault("${POD_NAMESPACE:pull-secret-injector}")
    String namespace();

    /** Kubernetes API usage: informer caches, rules learnt from source secrets, secret sync. */
    Cluster cluster();

    interface Cluster {

        /**
         * Whether to use the Kubernetes API at all. When {@code false}, or when the API is unreachable, admission uses
         * the static {@code injector.registries} map only.
         */
        @WithDefault("true")
        boolean enabled();

        /** How often informers replay their cache to the handlers (catches missed events). */
        @WithName("resync-period")
        @WithDefault("10m")
        Duration resyncPeriod();
    }

    /** Copying source secrets into opted-in namespaces. */
    Sync sync();

    interface Sync {

        /**
         * Whether this injector copies source secrets into every opted-in namespace. Only the leader replica writes.
         */
        @WithDefault("true")
        boolean enabled();

        /** Name of the coordination.k8s.io Lease used for leader election, in {@code injector.namespace}. */
        @WithName("lease-name")
        @WithDefault("pull-secret-injector-sync")
        String leaseName();

        /** Identity of this replica in leader election. Defaults to the Pod name ({@code POD_NAME}), else the host name. */
        @WithDefault("${POD_NAME:${HOSTNAME:pull-secret-injector}}")
        String identity();
    }

    /** The webhook's serving certificate (HTTPS on {@code quarkus.http.ssl-port}). */
    Tls tls();

    interface Tls {

        /** PEM file with the serving certificate, followed by any intermediates. */
        @WithDefault("/etc/pull-secret-injector/tls/tls.crt")
        Path cert();

        /** PEM file with its private key (PKCS#8, PKCS#1 RSA or SEC1 EC; not encrypted). */
        @WithDefault("/etc/pull-secret-injector/tls/tls.key")
        Path key();

        /**
         * How often both files are checked for changes. A changed, valid pair is served to new connections at once,
         * without a restart and without failing any connection; an invalid one is logged and ignored.
         */
        @WithName("reload-period")
        @WithDefault("30s")
        Duration reloadPeriod();
    }

    /**
     * Start-up warm-up: before this replica reports ready, synthetic Pod reviews (images of a registry no rule can
     * match, so no patch, warning or secret lookup) are sent to its own HTTPS endpoint through the real code path,
     * TLS handshakes included, so the first requests of the API server do not pay for the JIT.
     */
    @WithName("warm-up")
    WarmUp warmUp();

    interface WarmUp {

        /** How many synthetic reviews to send (every 10th on a new TLS connection); 0 turns the warm-up off. */
        @WithDefault("400")
        int requests();

        /** Readiness turns UP after this long even if not every review has been answered. */
        @WithName("max-duration")
        @WithDefault("3s")
        Duration maxDuration();
    }
}
