package io.pullsecretinjector.tls;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.config.ConfiguredRules;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.config.InvalidConfigurationException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's serving certificate: the key store of the TLS registry configuration {@value #TLS_CONFIGURATION}
 * (which {@code quarkus.http.tls-configuration-name} points the HTTPS server at), read from
 * {@code injector.tls.cert} and {@code injector.tls.key} and re-read every {@code injector.tls.reload-period}.
 * <p>
 * A changed pair is checked (parses, key matches certificate) before it is served; a bad one is logged and the
 * previous certificate stays in use. New connections get the new certificate at once, established ones keep theirs,
 * and no connection fails because of the swap (see {@link RotatingKeyManager} for why this is not Quarkus's own
 * {@code reload-period}).
 * <p>
 * With {@code injector.tls.mode=managed} no file is read: the server starts with a {@link StandInCertificate} and
 * the certificates controller hands over each pair it reads from the serving Secret ({@link #serve}).
 */
@Singleton
@Identifier(ServingCertificate.TLS_CONFIGURATION)
public class ServingCertificate implements KeyStoreProvider {

    /** Name of the TLS registry configuration the HTTPS server uses ({@code quarkus.http.tls-configuration-name}). */
    public static final String TLS_CONFIGURATION = "webhook";

    private static final Logger LOG = Logger.getLogger(ServingCertificate.class);

    private final boolean managed;
    /** The throw-away pair served in managed mode until the serving Secret is read; null in files mode. */
    private final ServingCredential standIn;
    private final ServingFiles files;
    private final Duration reloadPeriod;
    private final RotatingKeyManager keyManager;
    private final KeyCertOptions keyCertOptions;
    /** Digest of the last file contents that could not be served: warn once per bad pair, not once per tick. */
    private String rejectedDigest;
    private ScheduledExecutorService reloader;

    public ServingCertificate(InjectorConfig config, ConfiguredRules configuredRules) {
        this.managed = ConfiguredRules.managedTls(config);
        this.files = new ServingFiles(config.tls().cert(), config.tls().key());
        this.reloadPeriod = config.tls().reloadPeriod();
        // This bean is created first (the HTTPS server needs it), so it reports every configuration problem at once.
        List<String> problems = new ArrayList<>(configuredRules.problems());
        String quarkusReload = "quarkus.tls." + TLS_CONFIGURATION + ".reload-period";
        if (ConfigProvider.getConfig().getOptionalValue(quarkusReload, String.class).isPresent()) {
            // Quarkus's reload swaps the server's SSL context every period and Vert.x drops connections meanwhile.
            problems.add(quarkusReload + " is set: remove it, injector.tls.reload-period does the reloading "
                    + "(the Quarkus reload drops connections while it swaps certificates)");
        }
        ServingCredential first = null;
        if (managed) {
            // The managed certificate arrives from the serving Secret's informer (certificates package); until then
            // the server needs some key pair to start with.
            first = ServingCredential.load(1, StandInCertificate.create());
        } else {
            try {
                first = ServingCredential.load(1, files.read());
            } catch (InvalidServingCertificateException | UncheckedIOException e) {
                problems.add("injector.tls.cert, injector.tls.key: the serving certificate " + files
                        + " cannot be used: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        this.standIn = managed ? first : null;
        this.keyManager = new RotatingKeyManager(first);
        this.keyCertOptions = KeyCertOptions.wrap(keyManager);
        if (managed) {
            LOG.info("Serving certificate managed by the injector (injector.tls.mode=managed): waiting for the "
                    + "serving Secret");
        } else {
            LOG.infof("Serving certificate from %s: %s", files, describe(first));
        }
    }

    /** Called by the TLS registry when it builds the configuration the HTTPS server starts with. */
    @Override
    public KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
        return new KeyStoreAndKeyCertOptions(keyManager.current().keyStore(), keyCertOptions);
    }

    void start(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("injector.serving.certificate.expiry", keyManager,
                        manager -> manager.current() == standIn ? Double.NaN
                                : manager.current().notAfter().getEpochSecond())
                .description("Expiry of the certificate now served, in seconds since the epoch")
                .baseUnit("seconds")
                .register(registry);
        if (managed) {
            return;
        }
        reloader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "serving-certificate-reload");
            thread.setDaemon(true);
            return thread;
        });
        long periodMillis = reloadPeriod.toMillis();
        reloader.scheduleWithFixedDelay(this::reloadQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /**
     * Reads the files again and serves them if they changed and are usable.
     *
     * @return whether a new certificate is now served
     */
    public synchronized boolean reload() {
        if (managed) {
            return false;
        }
        ServingFiles.Contents contents;
        try {
            contents = files.read();
        } catch (UncheckedIOException e) {
            reject(e.getMessage(), "unreadable");
            return false;
        }
        ServingCredential current = keyManager.current();
        if (contents.digest().equals(current.filesDigest()) || contents.digest().equals(rejectedDigest)) {
            return false;
        }
        ServingCredential next;
        try {
            next = ServingCredential.load(current.generation() + 1, contents);
        } catch (InvalidServingCertificateException e) {
            reject("the changed files " + files + " cannot be used: " + e.getMessage(), contents.digest());
            return false;
        }
        keyManager.install(next);
        rejectedDigest = null;
        LOG.infof("Serving a new certificate from %s: %s (was SHA-256 %s)", files, describe(next),
                current.fingerprint());
        return true;
    }

    /**
     * Serves a certificate chain and key received from elsewhere (managed mode: the serving Secret), to new connections
     * at once, after the same checks as files get. Unchanged bytes are not loaded again.
     *
     * @param source what the pair comes from, for the log line (e.g. {@code secret ns/name}); never its contents
     * @return whether a new certificate is now served
     * @throws InvalidServingCertificateException if the pair cannot be used; the previous one stays served
     */
    public synchronized boolean serve(String source, byte[] certificatePem, byte[] keyPem) {
        ServingFiles.Contents contents = ServingFiles.contents(certificatePem, keyPem);
        ServingCredential current = keyManager.current();
        if (contents.digest().equals(current.filesDigest())) {
            return false;
        }
        ServingCredential next = ServingCredential.load(current.generation() + 1, contents);
        keyManager.install(next);
        LOG.infof("Serving a new certificate from %s: %s (was SHA-256 %s)", source, describe(next),
                current.fingerprint());
        return true;
    }

    /** What the TLS engine asks for the certificate of each handshake. */
    RotatingKeyManager keyManager() {
        return keyManager;
    }

    /** The leaf certificate new connections get (public data). */
    public X509Certificate servedCertificate() {
        return keyManager.current().leaf();
    }

    /** Whether a real certificate is served: always in files mode; in managed mode once the serving Secret was read. */
    public boolean servingIssuedCertificate() {
        return keyManager.current() != standIn;
    }

    /** SHA-256 fingerprint of the certificate new connections get. */
    public String servedFingerprint() {
        return keyManager.current().fingerprint();
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Never let the schedule die: the next tick tries again.
            LOG.warnf("Checking the serving certificate files failed, will try again: %s", e.toString());
        }
    }

    private void reject(String problem, String digest) {
        if (!Objects.equals(digest, rejectedDigest)) {
            LOG.warnf("%s; still serving the previous certificate (SHA-256 %s)", problem,
                    keyManager.current().fingerprint());
        }
        rejectedDigest = digest;
    }

    private static String describe(ServingCredential credential) {
        return "subject " + credential.subject() + ", expires " + credential.notAfter() + ", SHA-256 "
                + credential.fingerprint();
    }
}
