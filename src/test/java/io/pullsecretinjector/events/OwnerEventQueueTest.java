package io.pullsecretinjector.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pullsecretinjector.cluster.KubeMetrics;
import io.pullsecretinjector.injection.Notice;
import io.pullsecretinjector.injection.PodOwner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue alone, with a recording sink and a hand-driven clock: deduplication per owner and message within the
 * window, and drops (full queue, failed writes) that are counted and never make {@code report} wait.
 */
class OwnerEventQueueTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final PodOwner WEB = new PodOwner("apps/v1", "ReplicaSet", "web-7d4b9c", "uid-web");
    private static final PodOwner JOB = new PodOwner("batch/v1", "Job", "nightly", "uid-job");
    private static final Notice MISSING = new Notice(Notice.Kind.MISSING_SECRET,
            "pull-secret-injector: pull secret \"regcred\" does not exist in namespace \"team-a\"");

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> written = new CopyOnWriteArrayList<>();
    private OwnerEventQueue queue;

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.stop();
        }
    }

    private OwnerEventQueue start(OwnerEventSink sink, int capacity) {
        queue = new OwnerEventQueue(sink, capacity, WINDOW, clock::get, meters);
        queue.start();
        return queue;
    }

    private OwnerEventSink recording() {
        return (namespace, owner, notice) -> written.add(namespace + "/" + owner.name() + ": " + notice.text());
    }

    private double counter(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    @Test
    void theSameMessageAboutTheSameOwnerIsWrittenOncePerWindow() {
        start(recording(), 10);

        queue.report("team-a", WEB, MISSING);
        queue.report("team-a", WEB, MISSING);
        // A later, different Event: once it is written, anything queued before it has been written too.
        queue.report("team-a", JOB, MISSING);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() >= 2);

        assertThat(written).containsExactly("team-a/web-7d4b9c: " + MISSING.text(),
                "team-a/nightly: " + MISSING.text());
        assertThat(counter(KubeMetrics.EVENTS_WRITTEN)).isEqualTo(2);
    }

    @Test
    void theMessageIsWrittenAgainOnceTheWindowHasPassed() {
        start(recording(), 10);
        queue.report("team-a", WEB, MISSING);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);

        clock.addAndGet(WINDOW.toNanos() - 1);
        queue.report("team-a", WEB, MISSING);
        clock.addAndGet(1);
        queue.report("team-a", WEB, MISSING);

        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 2);
        assertThat(counter(KubeMetrics.EVENTS_WRITTEN)).isEqualTo(2);
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start((namespace, owner, notice) -> {
            writing.countDown();
            awaitQuietly(release);
            written.add(owner.name() + ": " + notice.text());
        }, 1);

        queue.report("team-a", WEB, notice("first"));
        assertThat(writing.await(5, TimeUnit.SECONDS)).as("writer busy with the first").isTrue();
        queue.report("team-a", WEB, notice("second")); // fills the queue
        queue.report("team-a", WEB, notice("third")); // dropped, and report returned: this line is reached
        assertThat(counter(KubeMetrics.EVENTS_DROPPED, "reason", "queue_full")).isEqualTo(1);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 2);
        assertThat(written).containsExactly("web-7d4b9c: first", "web-7d4b9c: second");

        // Dropped, so not remembered: the next admission with that message gets its Event.
        queue.report("team-a", WEB, notice("third"));
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 3);
    }

    @Test
    void aFailedWriteIsCountedAndTriedAgainOnTheNextReport() {
        AtomicLong failuresLeft = new AtomicLong(1);
        start((namespace, owner, notice) -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("connection refused");
            }
            written.add(owner.name());
        }, 10);

        queue.report("team-a", WEB, MISSING);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> counter(KubeMetrics.EVENTS_DROPPED, "reason", "api_error") == 1);
        assertThat(written).isEmpty();

        queue.report("team-a", WEB, MISSING);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
    }

    private static Notice notice(String text) {
        return new Notice(Notice.Kind.INVALID_IMAGE, text);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
