package io.pullsecretinjector.tls;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.config.InjectorConfig;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Runs the webhook server's TLS handshakes on threads of their own, through a {@link HandshakeQueue}, so that a burst
 * of new connections can neither starve the event loops that answer reviews nor make every caller late.
 * <p>
 * Inline on the event loops (Vert.x's default), each handshake's key exchange and RSA signature (~2 ms of CPU when
 * compiled, far more in a fresh JVM) ran between answers: a cold replica at 300 req/s fell behind, callers timed
 * out and reconnected, and every reconnect was one more handshake (README, "Overload"). Half the CPUs, at least one
 * thread: on one CPU the handshake thread is one runnable thread among the event loops, so answers on connections
 * that are already up keep their share.
 * <p>
 * The engine ({@code injector.tls.engine}): the JDK's by default, whose first step does nearly all of a handshake
 * ({@link QueuedHandshakeEngineOptions}), or, opted into, BoringSSL where it loads, whose handshakes hand back choosing
 * the certificate (the first step) and signing (a later step; {@link QueuedBoringSslEngineOptions}). Both run those
 * steps here, in the queue's order.
 */
@Singleton
public class HandshakeThreads implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(HandshakeThreads.class);

    /**
     * Connections waiting for their handshake before the oldest is shed: ~2.5 s of handshakes on one warm core
     * (~200/s measured), ~5 MB of heap (~10 KB of handshake state each). Measured with src/bench/overload.sh (README,
     * "Overload"): 256 shed 3.5% of a cold start at 300 req/s; 1,024 kept callers waiting under twice the capacity,
     * so only 36-51% of capacity was answered in time; 512 passes both.
     */
    static final int MAX_WAITING = 512;
    /**
     * A connection that has waited this long for its first step is shed: it holds a caller whose webhook timeout
     * (5 s as deployed) is mostly spent, and every older connection behind it in the stack has waited longer still.
     */
    static final Duration STALE_AFTER = Duration.ofSeconds(2);
    /**
     * Connections open at once before new ones are shed: each holds a caller whose request waits its turn on the
     * event loops, so the wait grows with their number. Measured with src/bench/overload.sh (README, "Overload") at
     * twice the capacity: unbounded, ~1,000-2,000 were open, answers took 2-6 s and one run answered nothing within
     * the 5 s deadline; 512 keeps the wait near 512 / capacity (~1 s on a slow core), and a cold start at 300 req/s
     * needs about that many while the JIT warms (up to ~560 established by ss, all answered in time), so less would
     * shed there. An API server keeps far fewer (one per concurrent call, idle ones pooled).
     */
    static final int MAX_OPEN = 512;

    private final HandshakeQueue queue;
    private final MeterRegistry registry;
    private final ServingCertificate servingCertificate;
    /** injector.tls.engine=boringssl: use it when it loads here. */
    private final boolean boringSsl;

    public HandshakeThreads(MeterRegistry registry, InjectorConfig config,
                            @Identifier(ServingCertificate.TLS_CONFIGURATION) ServingCertificate servingCertificate) {
        this.servingCertificate = servingCertificate;
        this.registry = registry;
        this.boringSsl = InjectorConfig.Tls.BORINGSSL.equals(config.tls().engine());
        this.queue = new HandshakeQueue(MAX_WAITING, MAX_OPEN, STALE_AFTER, System::nanoTime);
        Gauge.builder("injector.tls.handshakes.waiting", queue, HandshakeQueue::waiting)
                .description("TLS handshake steps waiting for a handshake thread")
                .register(registry);
        Gauge.builder("injector.tls.connections", queue, HandshakeQueue::open)
                .description("TLS connections open on the webhook port, handshaken or not")
                .register(registry);
        FunctionCounter.builder("injector.tls.handshakes", queue, HandshakeQueue::started)
                .description("TLS handshakes begun on the handshake threads")
                .register(registry);
        FunctionCounter.builder("injector.tls.handshakes.shed", queue, HandshakeQueue::shed)
                .description("Connections closed unstarted: more than " + MAX_OPEN + " were open, more than "
                        + MAX_WAITING + " waited for a handshake, or one waited longer than "
                        + STALE_AFTER.toSeconds() + " s")
                .register(registry);
        int count = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, "tls-handshake-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        SSLEngineOptions engine = options.getSslEngineOptions();
        if (engine != null && !(engine instanceof JdkSSLEngineOptions)) {
            LOG.warnf("TLS engine %s is not the JDK's: handshakes stay on the event loops", engine.getClass());
            return;
        }
        if (engine == null && boringSsl) {
            if (BoringSsl.available()) {
                options.setSslEngineOptions(new QueuedBoringSslEngineOptions(queue, servingCertificate.keyManager()));
                LOG.infof("TLS engine: %s (injector.tls.engine=boringssl)", BoringSsl.version());
                engineInUse(InjectorConfig.Tls.BORINGSSL);
                return;
            }
            LOG.warnf("TLS engine: the JDK's, because BoringSSL cannot be used here (%s); set injector.tls.engine=jdk "
                    + "to silence this", BoringSsl.unavailability());
        } else {
            LOG.info("TLS engine: the JDK's");
        }
        engineInUse(InjectorConfig.Tls.JDK);
        JdkSSLEngineOptions jdk = engine == null ? new JdkSSLEngineOptions() : (JdkSSLEngineOptions) engine;
        options.setSslEngineOptions(new QueuedHandshakeEngineOptions(jdk, queue));
    }

    /** Which engine serves the webhook, for operators (a fallback to the JDK's is otherwise only in the log). */
    private void engineInUse(String engine) {
        Gauge.builder("injector.tls.engine", () -> 1)
                .description("The TLS engine of the webhook port (tag engine: boringssl or jdk); always 1")
                .tag("engine", engine)
                .register(registry);
    }

    private void work() {
        while (true) {
            Runnable step;
            try {
                step = queue.next();
            } catch (InterruptedException e) {
                return;
            }
            if (step == null) {
                return;
            }
            try {
                step.run();
            } catch (RuntimeException e) {
                // Netty's task runner reports its own failures to its connection; nothing may end this thread.
                LOG.error("TLS handshake step failed outside its connection", e);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        queue.close();
    }
}
