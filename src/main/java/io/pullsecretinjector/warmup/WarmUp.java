package io.pullsecretinjector.warmup;

import io.pullsecretinjector.admission.MutateResource;
import io.pullsecretinjector.config.InjectorConfig;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends synthetic reviews to this replica's own HTTPS endpoint as soon as it listens, before readiness turns UP
 * ({@link WarmUpReadiness}). A fresh JVM runs the TLS handshake, record encryption, Netty, the REST layer and the
 * parser interpreted until the JIT has compiled them; measured without a warm-up, the first second of traffic was
 * answered at p99 ~0.5 s on a fast host and ~2 s on a slow one (README, "Cold start"). The reviews go through the real
 * path (a loopback TLS client on the same event loops), every 10th on a new connection. They name images of a
 * registry no rule matches, so nothing is patched, warned or looked up; they are counted in
 * {@code injector_admissions_total{outcome="unchanged"}}.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final int CONCURRENCY = 2;
    private static final int NEW_CONNECTION_EVERY = 10;

    private final Vertx vertx;
    private final InjectorConfig.WarmUp config;
    private final Buffer review;
    private volatile boolean finished;
    private volatile String summary = "not started";

    public WarmUp(Vertx vertx, InjectorConfig config) {
        this.vertx = vertx;
        this.config = config.warmUp();
        this.review = Buffer.buffer(readReview());
        this.finished = this.config.requests() <= 0;
        if (finished) {
            summary = "off";
        }
    }

    boolean finished() {
        return finished;
    }

    String summary() {
        return summary;
    }

    void onHttpsServerStarted(@ObservesAsync HttpsServerStart started) {
        if (finished) {
            return;
        }
        String host = started.options().getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        int port = started.options().getPort();
        if (port <= 0) {
            // A random port (tests): Quarkus publishes the one it got as a system property.
            port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-ssl-port", Integer.class).orElse(0);
        }
        if (port <= 0) {
            summary = "skipped: the HTTPS port is unknown";
            finished = true;
            LOG.warn("Warm-up skipped: the HTTPS port is unknown");
            return;
        }
        new Run(host, port).start();
    }

    /** One warm-up: {@code CONCURRENCY} chains of requests until all are answered or the time is up. */
    private final class Run {
        private final HttpClient client;
        private final RequestOptions request;
        private final long start = System.nanoTime();
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger chainsDone = new AtomicInteger();
        private long timer;

        Run(String host, int port) {
            client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
                    .setVerifyHost(false).setProtocolVersion(HttpVersion.HTTP_1_1).setMaxPoolSize(CONCURRENCY)
                    .setDefaultHost(host).setDefaultPort(port));
            request = new RequestOptions().setMethod(HttpMethod.POST).setURI(MutateResource.PATH + "?timeout=10s")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        }

        void start() {
            timer = vertx.setTimer(Math.max(1, config.maxDuration().toMillis()), id -> finish("time limit reached"));
            for (int i = 0; i < CONCURRENCY; i++) {
                next();
            }
        }

        private void next() {
            if (finished) {
                return;
            }
            int n = sent.getAndIncrement();
            if (n >= config.requests()) {
                if (chainsDone.incrementAndGet() == CONCURRENCY) {
                    finish("done");
                }
                return;
            }
            RequestOptions options = new RequestOptions(request);
            if (n % NEW_CONNECTION_EVERY == 0) {
                options.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            client.request(options)
                    .compose(r -> r.send(review))
                    .compose(r -> r.body().map(b -> r.statusCode()))
                    .onComplete(result -> {
                        if (result.succeeded() && result.result() == 200) {
                            answered.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        next();
                    });
        }

        private synchronized void finish(String why) {
            if (finished) {
                return;
            }
            vertx.cancelTimer(timer);
            long ms = (System.nanoTime() - start) / 1_000_000;
            summary = answered.get() + " reviews answered, " + failed.get() + " failed, in " + ms + " ms (" + why + ")";
            finished = true;
            client.close();
            if (failed.get() > 0) {
                LOG.warnf("Warm-up before readiness: %s", summary);
            } else {
                LOG.infof("Warm-up before readiness: %s", summary);
            }
        }
    }

    private static byte[] readReview() {
        try (InputStream in = WarmUp.class.getResourceAsStream("/warm-up/review.json")) {
            if (in == null) {
                throw new IllegalStateException("warm-up/review.json is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
