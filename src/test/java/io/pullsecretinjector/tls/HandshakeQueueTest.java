package io.pullsecretinjector.tls;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which handshake steps leave the queue, and which are dropped. */
class HandshakeQueueTest {

    private final AtomicLong now = new AtomicLong();
    private final HandshakeQueue queue = new HandshakeQueue(Duration.ofSeconds(10), now::get);
    private final List<String> ran = new ArrayList<>();

    @Test
    void theNewestConnectionIsHandshakenFirst() {
        queue.forConnection().execute(step("a"));
        queue.forConnection().execute(step("b"));
        queue.forConnection().execute(step("c"));

        runAll();

        assertThat(ran).containsExactly("c", "b", "a");
        assertThat(queue.started()).isEqualTo(3);
    }

    @Test
    void aHandshakeAlreadyBegunIsFinishedBeforeAnyNewOneStarts() {
        Executor older = queue.forConnection();
        older.execute(step("older: client hello"));
        queue.poll().run();
        queue.forConnection().execute(step("newer: client hello"));
        older.execute(step("older: finished"));

        runAll();

        assertThat(ran).containsExactly("older: client hello", "older: finished", "newer: client hello");
    }

    @Test
    void laterStepsOfSeveralConnectionsRunInTheOrderTheyCame() {
        Executor first = begun("first");
        Executor second = begun("second");
        ran.clear();
        first.execute(step("first: finished"));
        second.execute(step("second: finished"));

        runAll();

        assertThat(ran).containsExactly("first: finished", "second: finished");
    }

    @Test
    void connectionsThatWaitedLongerThanTheHandshakeTimeoutAreDroppedUnstarted() {
        queue.forConnection().execute(step("stale 1"));
        queue.forConnection().execute(step("stale 2"));
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        queue.forConnection().execute(step("fresh"));

        runAll();

        assertThat(ran).containsExactly("fresh");
        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(queue.started()).isEqualTo(1);
    }

    @Test
    void aConnectionThatWaitedExactlyTheHandshakeTimeoutIsStillHandshaken() {
        queue.forConnection().execute(step("on the limit"));
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        runAll();

        assertThat(ran).containsExactly("on the limit");
    }

    @Test
    void aLaterStepIsNeverDroppedForItsAge() {
        Executor connection = begun("slow client");
        ran.clear();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        connection.execute(step("slow client: finished"));

        runAll();

        assertThat(ran).containsExactly("slow client: finished");
    }

    @Test
    void closingHandsBackWhatWaitedAndEndsTheThreads() throws Exception {
        queue.forConnection().execute(step("waiting"));

        assertThat(queue.close()).hasSize(1);
        assertThat(queue.next()).isNull();
        assertThat(queue.waiting()).isZero();
    }

    private Executor begun(String name) {
        Executor connection = queue.forConnection();
        connection.execute(step(name + ": client hello"));
        queue.poll().run();
        return connection;
    }

    private void runAll() {
        for (Runnable step = queue.poll(); step != null || queue.waiting() > 0; step = queue.poll()) {
            if (step != null) {
                step.run();
            }
        }
    }

    private Runnable step(String name) {
        return () -> ran.add(name);
    }
}
