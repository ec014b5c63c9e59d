package io.pullsecretinjector.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.injection.Notice;
import io.pullsecretinjector.injection.OwnerEvents;
import io.pullsecretinjector.injection.PodOwner;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Events on Pod owners, off the request path: {@link #report} deduplicates and offers to a bounded queue, and returns
 * at once; one background thread writes them. The same message about the same owner (uid) is written once per
 * dedupe window, so a ReplicaSet of 100 replicas gets one Event, not 100. A full queue or a failed write drops the
 * Event and counts it ({@code injector_events_dropped_total{reason}}); a dropped one may be written again on the
 * next admission that produces it.
 */
public final class OwnerEventQueue implements OwnerEvents {

    private static final Logger LOG = Logger.getLogger(OwnerEventQueue.class);
    /** Bounds the dedupe memory (about 200 bytes an entry) whatever the rate of distinct messages. */
    static final int MAX_REMEMBERED = 10_000;

    private final OwnerEventSink sink;
    private final BlockingQueue<Pending> queue;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    /** (owner uid, message) to the {@link #nanoClock} time its window ends. */
    private final ConcurrentMap<Key, Long> recent = new ConcurrentHashMap<>();
    private final Counter written;
    private final Counter queueFull;
    private final Counter apiError;
    private final Thread writer;
    private long lastPurge;

    OwnerEventQueue(OwnerEventSink sink, int capacity, Duration dedupeWindow, LongSupplier nanoClock,
                    MeterRegistry meters) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.windowNanos = dedupeWindow.toNanos();
        this.nanoClock = nanoClock;
        this.lastPurge = nanoClock.getAsLong();
        this.written = Counter.builder(KubeMetrics.EVENTS_WRITTEN)
                .description("Events written on the owners of admitted Pods").register(meters);
        this.queueFull = dropped(meters, "queue_full");
        this.apiError = dropped(meters, "api_error");
        this.writer = new Thread(this::writeLoop, "owner-events");
        this.writer.setDaemon(true);
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder(KubeMetrics.EVENTS_DROPPED)
                .description("Events on owners not written: queue full, or the API server did not take them")
                .tag("reason", reason).register(meters);
    }

    void start() {
        writer.start();
    }

    void stop() {
        writer.interrupt();
    }

    @Override
    public void report(String namespace, PodOwner owner, Notice notice) {
        long now = nanoClock.getAsLong();
        Key key = new Key(owner.uid(), notice.text());
        Long until = recent.get(key);
        if (until != null && until - now > 0) {
            return;
        }
        if (until == null && recent.size() >= MAX_REMEMBERED) {
            queueFull.increment();
            return;
        }
        // Claim the window atomically: of concurrent admissions of the same owner, one enqueues.
        long end = now + windowNanos;
        boolean[] claimed = new boolean[1];
        recent.compute(key, (k, old) -> {
            if (old != null && old - now > 0) {
                return old;
            }
            claimed[0] = true;
            return end;
        });
        if (!claimed[0]) {
            return;
        }
        if (!queue.offer(new Pending(namespace, owner, notice, key, end))) {
            recent.remove(key, end);
            queueFull.increment();
        }
    }

    private void writeLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                sink.write(next.namespace(), next.owner(), next.notice());
                written.increment();
            } catch (RuntimeException e) {
                apiError.increment();
                // Not written, so not deduplicated: the next admission with this message tries again.
                recent.remove(next.key(), next.until());
                LOG.debugf("Could not write an Event on %s %s/%s: %s", next.owner().kind(), next.namespace(),
                        next.owner().name(), e.getMessage());
            }
            purgeExpired();
        }
    }

    /** At most once per window, on the writer thread: forgets windows that have ended. */
    private void purgeExpired() {
        long now = nanoClock.getAsLong();
        if (now - lastPurge < windowNanos && recent.size() < MAX_REMEMBERED) {
            return;
        }
        lastPurge = now;
        recent.entrySet().removeIf(e -> e.getValue() - now <= 0);
    }

    private record Key(String ownerUid, String message) {
    }

    private record Pending(String namespace, PodOwner owner, Notice notice, Key key, long until) {
    }
}
