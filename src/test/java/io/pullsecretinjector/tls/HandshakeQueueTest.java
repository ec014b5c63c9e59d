package io.pullsecretinjector.tls;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which handshake steps leave the queue, and which connections are shed or forgotten. */
class HandshakeQueueTest {

    private static final int MAX_WAITING = 3;
    private static final int MAX_OPEN = 5;

    private final AtomicLong now = new AtomicLong();
    private final HandshakeQueue queue = new HandshakeQueue(MAX_WAITING, MAX_OPEN, Duration.ofSeconds(10), now::get);
    private final List<String> ran = new ArrayList<>();
    private final List<String> closedByQueue = new ArrayList<>();

    @Test
    void theNewestConnectionIsHandshakenFirst() {
        waitingConnection("a");
        waitingConnection("b");
        waitingConnection("c");

        runAll();

        assertThat(ran).containsExactly("c", "b", "a");
        assertThat(queue.started()).isEqualTo(3);
    }

    @Test
    void aHandshakeAlreadyBegunIsFinishedBeforeAnyNewOneStarts() {
        HandshakeQueue.Connection older = begun("older");
        waitingConnection("newer: client hello");
        older.execute(step("older: finished"));

        runAll();

        assertThat(ran).containsExactly("older: client hello", "older: finished", "newer: client hello");
    }

    @Test
    void laterStepsOfSeveralConnectionsRunInTheOrderTheyCame() {
        HandshakeQueue.Connection first = begun("first");
        HandshakeQueue.Connection second = begun("second");
        ran.clear();
        first.execute(step("first: finished"));
        second.execute(step("second: finished"));

        runAll();

        assertThat(ran).containsExactly("first: finished", "second: finished");
    }

    @Test
    void aConnectionClosedWhileItWaitedIsNeverHandshakenNorCountedAsWaiting() {
        HandshakeQueue.Connection gaveUp = waitingConnection("gave up");
        waitingConnection("still there");

        gaveUp.closed();

        assertThat(queue.waiting()).isEqualTo(1);
        runAll();
        assertThat(ran).containsExactly("still there");
        assertThat(queue.shed()).isZero();
    }

    @Test
    void aConnectionClosedAfterItsHandshakeBeganLeavesTheCountOfWaitingConnectionsAlone() {
        begun("begun").closed();
        waitingConnection("1");
        waitingConnection("2");
        waitingConnection("3");
        waitingConnection("4");

        assertThat(queue.waiting()).isEqualTo(MAX_WAITING);
        assertThat(closedByQueue).containsExactly("1");
    }

    @Test
    void beyondTheLimitTheOldestWaitingConnectionIsClosedUnstarted() {
        waitingConnection("1");
        waitingConnection("2");
        waitingConnection("3");
        waitingConnection("4");

        assertThat(closedByQueue).containsExactly("1");
        assertThat(queue.shed()).isEqualTo(1);
        runAll();
        assertThat(ran).containsExactly("4", "3", "2");
    }

    @Test
    void connectionsClosedByTheirClientsDoNotCountTowardsTheLimit() {
        waitingConnection("1").closed();
        waitingConnection("2").closed();
        waitingConnection("3");
        waitingConnection("4");
        waitingConnection("5");

        assertThat(closedByQueue).isEmpty();
        runAll();
        assertThat(ran).containsExactly("5", "4", "3");
    }

    @Test
    void connectionsThatWaitedLongerThanTheHandshakeTimeoutAreClosedUnstarted() {
        waitingConnection("stale 1");
        waitingConnection("stale 2");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        waitingConnection("fresh");

        runAll();

        assertThat(ran).containsExactly("fresh");
        assertThat(closedByQueue).containsExactlyInAnyOrder("stale 1", "stale 2");
        assertThat(queue.shed()).isEqualTo(2);
        assertThat(queue.started()).isEqualTo(1);
    }

    @Test
    void aConnectionThatWaitedExactlyTheHandshakeTimeoutIsStillHandshaken() {
        waitingConnection("on the limit");
        now.addAndGet(Duration.ofSeconds(10).toNanos());

        runAll();

        assertThat(ran).containsExactly("on the limit");
    }

    @Test
    void aLaterStepIsNeverShedForItsAge() {
        HandshakeQueue.Connection connection = begun("slow client");
        ran.clear();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        connection.execute(step("slow client: finished"));

        runAll();

        assertThat(ran).containsExactly("slow client: finished");
    }

    @Test
    void beyondTheOpenConnectionLimitTheOldestWaitingConnectionMakesRoomForTheNewOne() {
        begun("1");
        begun("2");
        begun("3");
        waitingConnection("4");
        waitingConnection("5");
        ran.clear();

        waitingConnection("6");

        assertThat(closedByQueue).containsExactly("4");
        assertThat(queue.open()).isEqualTo(MAX_OPEN);
        runAll();
        assertThat(ran).containsExactly("6", "5");
    }

    @Test
    void beyondTheOpenConnectionLimitWithNoneWaitingTheNewConnectionIsClosedUnstarted() {
        for (int i = 1; i <= MAX_OPEN; i++) {
            begun(String.valueOf(i));
        }
        ran.clear();

        waitingConnection("one too many");

        assertThat(closedByQueue).containsExactly("one too many");
        assertThat(queue.shed()).isEqualTo(1);
        assertThat(queue.open()).isEqualTo(MAX_OPEN);
        runAll();
        assertThat(ran).isEmpty();
    }

    @Test
    void aClosedConnectionFreesItsPlaceUnderTheOpenConnectionLimitOnce() {
        List<HandshakeQueue.Connection> open = new ArrayList<>();
        for (int i = 1; i <= MAX_OPEN; i++) {
            open.add(begun(String.valueOf(i)));
        }
        open.get(0).closed();
        open.get(0).closed();
        ran.clear();

        begun("welcome");
        waitingConnection("one too many");

        assertThat(ran).containsExactly("welcome: client hello");
        assertThat(closedByQueue).containsExactly("one too many");
        assertThat(queue.open()).isEqualTo(MAX_OPEN);
    }

    @Test
    void closingHandsBackWhatWaitedAndEndsTheThreads() throws Exception {
        waitingConnection("waiting");

        assertThat(queue.close()).hasSize(1);
        assertThat(queue.next()).isNull();
        assertThat(queue.waiting()).isZero();
    }

    private HandshakeQueue.Connection waitingConnection(String name) {
        HandshakeQueue.Connection connection = queue.connect();
        connection.onShed(() -> {
            closedByQueue.add(name);
            connection.closed();
        });
        connection.execute(step(name));
        return connection;
    }

    private HandshakeQueue.Connection begun(String name) {
        HandshakeQueue.Connection connection = waitingConnection(name + ": client hello");
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
