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

    /** Events on the owners of admitted Pods (ReplicaSet, Job...), written in the background. */
    Events events();

    interface Events {

        /** How long the same message about the same owner is not repeated. */
        @WithName("dedupe-window")
        @WithDefault("10m")
        Duration dedupeWindow();

        /** Events waiting to be written; when full, new ones are dropped and counted, admission never waits. */
        @WithName("queue-capacity")
        @WithDefault("1000")
        int queueCapacity();
    }

    /** The explain endpoints on the management port. */
    Explain explain();

    interface Explain {

        /**
         * Whether {@code /q/injector/rules} and {@code /q/injector/explain} answer on the management port. They show
         * registry patterns, secret names and namespace labels, never secret data.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** The webhook's serving certificate (HTTPS on {@code quarkus.http.ssl-port}). */
    Tls tls();

    interface Tls {

        /** {@code injector.tls.mode} value: the certificate is read from {@link #cert()} and {@link #key()}. */
        String FILES = "files";
        /** {@code injector.tls.mode} value: the injector issues its own CA and certificate into Secrets. */
        String MANAGED = "managed";

        /**
         * Where the serving certificate comes from: {@code files} ({@link #cert()} and {@link #key()}, e.g. a mounted
         * Secret) or {@code managed} (the injector issues a CA and a serving certificate into the Secrets
         * {@link #caSecret()} and {@link #secret()} and keeps the webhook configuration's {@code caBundle} correct).
         */
        @WithDefault(FILES)
        String mode();

        /** {@code managed} mode: the {@code kubernetes.io/tls} Secret in {@code injector.namespace} holding the CA. */
        @WithName("ca-secret")
        @WithDefault("pull-secret-injector-ca")
        String caSecret();

        /**
         * {@code managed} mode: the {@code kubernetes.io/tls} Secret in {@code injector.namespace} holding the
         * serving certificate ({@code tls.crt}, {@code tls.key}, {@code ca.crt}); every replica serves it.
         */
        @WithDefault("pull-secret-injector-tls")
        String secret();

        /**
         * {@code managed} mode: the webhook's Service; the serving certificate is issued for {@code <service>},
         * {@code <service>.<namespace>}, {@code <service>.<namespace>.svc} and
         * {@code <service>.<namespace>.svc.cluster.local}.
         */
        @WithName("service-name")
        @WithDefault("pull-secret-injector")
        String serviceName();

        /** {@code managed} mode: the MutatingWebhookConfiguration whose {@code caBundle} fields the injector keeps. */
        @WithName("webhook-configuration")
        @WithDefault("pull-secret-injector.io")
        String webhookConfiguration();

        /** {@code files} mode: PEM file with the serving certificate, followed by any intermediates. */
        @WithDefault("/etc/pull-secret-injector/tls/tls.crt")
        Path cert();

        /** {@code files} mode: PEM file with its private key (PKCS#8, PKCS#1 RSA or SEC1 EC; not encrypted). */
        @WithDefault("/etc/pull-secret-injector/tls/tls.key")
        Path key();

        /**
         * {@code files} mode: how often both files are checked for changes. A changed, valid pair is served to new connections at once,
         * without a restart and without failing any connection; an invalid one is logged and ignored.
         */
        @WithName("reload-period")
        @WithDefault("30s")
        Duration reloadPeriod();

        /** {@code injector.tls.engine} value: BoringSSL (Netty's netty-tcnative), signing on the handshake threads. */
        String BORINGSSL = "boringssl";
        /** {@code injector.tls.engine} value: the JDK's TLS (JSSE) and its security providers. */
        String JDK = "jdk";

        /**
         * The webhook server's TLS implementation: {@code jdk} (the JDK's; the default, because it keeps answering
         * under twice its capacity) or {@code boringssl} (records and key exchange in native code: cheaper handshakes,
         * a faster cold start and more requests per CPU, but measured to fall to 31-71% of capacity under twice its
         * capacity; on Linux x86-64 and aarch64, elsewhere the JDK's is used with a warning). README, Performance.
         */
        @WithDefault(JDK)
        String engine();
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
