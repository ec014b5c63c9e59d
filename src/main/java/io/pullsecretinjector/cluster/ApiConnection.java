package io.pullsecretinjector.cluster;

import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the Kubernetes API answered lately, and the single log line per outage. fabric8 retries each informer's
 * list and watch with backoff; without this the log would carry one stack trace per retry and informer.
 */
public final class ApiConnection {

    private static final Logger LOG = Logger.getLogger(ApiConnection.class);

    private final AtomicBoolean down = new AtomicBoolean(false);
    private final AtomicBoolean everSynced = new AtomicBoolean(false);
    private final AtomicLong failures = new AtomicLong();

    /** fabric8 {@code ExceptionHandler}: log once per outage, and always retry (the default gives up on a failed first list). */
    public boolean retryAfter(boolean informerStarted, Throwable failure) {
        failures.incrementAndGet();
        if (down.compareAndSet(false, true)) {
            if (everSynced.get()) {
                LOG.warnf("Kubernetes API unreachable (%s); caches keep their last state and retry in the background",
                        describe(failure));
            } else {
                LOG.warnf("Kubernetes API unreachable (%s); admission runs on the static injector.registries map only "
                        + "until the caches sync, retrying in the background", describe(failure));
            }
        } else {
            LOG.debugf("Kubernetes API still unreachable (%s)", describe(failure));
        }
        return true;
    }

    public void synced() {
        boolean first = everSynced.compareAndSet(false, true);
        boolean wasDown = down.getAndSet(false);
        if (first) {
            LOG.info("Kubernetes caches synced: namespace opt-in, secret presence and rules learnt from source secrets "
                    + "are in force");
        } else if (wasDown) {
            LOG.info("Kubernetes API reachable again");
        }
    }

    /** Called when a watch is seen working again. */
    public void watching() {
        if (everSynced.get() && down.compareAndSet(true, false)) {
            LOG.info("Kubernetes API reachable again");
        }
    }

    public long failures() {
        return failures.get();
    }

    public boolean reachable() {
        return !down.get();
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        // API error bodies are Status objects, never Secret data; still cap the length of what reaches the log.
        return root.getClass().getSimpleName() + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }
}
