package io.pullsecretinjector.tls;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Where the CPU-heavy steps of server TLS handshakes wait for a handshake thread, in the order that answers the most
 * callers in time when connections arrive faster than handshakes can be done.
 * <p>
 * A caller whose request waits too long gives up, and a client that gave up reconnects: every late handshake turns
 * into one more handshake. Done first come, first served, a burst of new connections therefore leaves the replica
 * working through handshakes whose callers are gone while the new ones time out behind them, and the backlog feeds
 * itself (the collapse described under "Overload" in the README). So:
 * <ul>
 *   <li>a connection's first step (reading the ClientHello, key exchange, signing: nearly all the cost) waits in a
 *       <em>stack</em>: the newest connection, whose caller has the most time left, goes first;</li>
 *   <li>its later steps (the client's Finished) go before any new connection: a handshake that is half done is the
 *       cheapest connection to finish;</li>
 *   <li>a connection closed while it waited is forgotten at once (its client gave up; a waiting step holds ~10 KB
 *       of handshake state, and thousands of them filled a 64 MB heap);</li>
 *   <li>at most {@code maxWaiting} connections wait, and none longer than {@code staleAfter}: beyond either, the
 *       oldest is shed, i.e. closed unstarted. Its client learns at once instead of after its timeout, and the
 *       replica's memory stays bounded however many connections arrive;</li>
 *   <li>at most {@code maxOpen} connections are open, handshaken or not: a client that finds every connection busy
 *       opens another (an API server opens one per concurrent call), and each open connection's request waits its
 *       turn on the event loops, so past capacity the wait grows with their number until every answer is late.
 *       Beyond the bound the oldest waiting connection makes room or, when none waits, the new one is shed.</li>
 * </ul>
 * The queue runs nothing itself: the handshake threads ({@link HandshakeThreads}) take steps with {@link #next()}.
 */
final class HandshakeQueue {

    private final int maxWaiting;
    private final int maxOpen;
    private final long staleAfterNanos;
    private final LongSupplier clock;
    private final Deque<Pending> firstSteps = new ArrayDeque<>();
    private final Deque<Runnable> laterSteps = new ArrayDeque<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private int closedWhileWaiting;
    private int open;
    private boolean closed;

    HandshakeQueue(int maxWaiting, int maxOpen, Duration staleAfter, LongSupplier clock) {
        this.maxWaiting = maxWaiting;
        this.maxOpen = maxOpen;
        this.staleAfterNanos = staleAfter.toNanos();
        this.clock = clock;
    }

    /**
     * One new connection's handshake: its first task is a first step, any later one a later step. Beyond
     * {@code maxOpen} open connections the oldest waiting one is shed to make room, or this one when none waits (it
     * is closed as soon as its TLS layer registers {@link Connection#onShed}).
     */
    synchronized Connection connect() {
        Connection connection = new Connection();
        open++;
        if (open > maxOpen && !shedOldestWaiting()) {
            connection.refused = true;
        }
        return connection;
    }

    /** A connection in handshake, as the queue sees it; the TLS layer reports its close and closes it when shed. */
    final class Connection implements Executor {
        private boolean started;
        /** Its first step is in {@code firstSteps}; guarded by the queue's lock. */
        private boolean queued;
        /** Arrived beyond {@code maxOpen} with none waiting to make room; guarded by the queue's lock. */
        private boolean refused;
        /** Still counted in {@code open}: the close is counted once however often it is reported. */
        private boolean counted = true;
        private volatile boolean gone;
        private volatile Runnable shedAction = () -> { };

        @Override
        public void execute(Runnable step) {
            boolean first = !started;
            started = true;
            submit(this, step, first);
        }

        /** What closes this connection when it is shed; run at once if it was refused on arrival. */
        void onShed(Runnable action) {
            shedAction = action;
            boolean shedNow;
            synchronized (HandshakeQueue.this) {
                shedNow = refused && !gone;
            }
            if (shedNow) {
                shed();
            }
        }

        /** The connection closed (its client gave up, or it was shed): its waiting step, if any, is forgotten. */
        void closed() {
            release(this);
            if (!gone) {
                gone = true;
                forget(this);
            }
        }

        private void shed() {
            HandshakeQueue.this.shed.incrementAndGet();
            gone = true;
            shedAction.run();
        }
    }

    private synchronized void submit(Connection connection, Runnable step, boolean first) {
        if (!first) {
            laterSteps.addLast(step);
        } else if (!connection.gone) {
            firstSteps.addLast(new Pending(connection, step, clock.getAsLong()));
            connection.queued = true;
            while (firstSteps.size() - closedWhileWaiting > maxWaiting) {
                shedOldest();
            }
        }
        notifyAll();
    }

    /** Sheds the oldest connection still waiting for its first step; false when none is. */
    private boolean shedOldestWaiting() {
        while (!firstSteps.isEmpty()) {
            if (shedOldest()) {
                return true;
            }
        }
        return false;
    }

    private synchronized void release(Connection connection) {
        if (connection.counted) {
            connection.counted = false;
            open--;
        }
    }

    /** Sheds the oldest waiting first step's connection, or forgets it if it closed; true if one was shed. */
    private boolean shedOldest() {
        Pending oldest = taken(firstSteps.pollFirst());
        if (oldest.connection().gone) {
            closedWhileWaiting--;
            return false;
        }
        oldest.connection().shed();
        return true;
    }

    private Pending taken(Pending pending) {
        if (pending != null) {
            pending.connection().queued = false;
        }
        return pending;
    }

    private synchronized void forget(Connection connection) {
        if (!connection.queued) {
            return;
        }
        // Removing from the middle of the deque is linear; closed entries are skipped when met and swept out in
        // one pass once they are half the deque.
        closedWhileWaiting++;
        if (closedWhileWaiting * 2 > firstSteps.size()) {
            firstSteps.removeIf(p -> p.connection().gone && taken(p) != null);
            closedWhileWaiting = 0;
        }
    }

    /**
     * Takes the next step to run, waiting for one.
     *
     * @return the step, or {@code null} once the queue is closed
     */
    synchronized Runnable next() throws InterruptedException {
        while (!closed) {
            Runnable step = poll();
            if (step != null) {
                return step;
            }
            wait();
        }
        return null;
    }

    /** The next step to run, or {@code null} when none is waiting; sheds stale first steps on the way. */
    synchronized Runnable poll() {
        Runnable later = laterSteps.pollFirst();
        if (later != null) {
            return later;
        }
        long now = clock.getAsLong();
        for (Pending newest = taken(firstSteps.pollLast()); newest != null; newest = taken(firstSteps.pollLast())) {
            if (newest.connection().gone) {
                closedWhileWaiting--;
            } else if (now - newest.queuedAt() > staleAfterNanos) {
                // The newest is stale, so every older one is too.
                newest.connection().shed();
                while (!firstSteps.isEmpty()) {
                    shedOldest();
                }
                return null;
            } else {
                started.incrementAndGet();
                return newest.step();
            }
        }
        return null;
    }

    /** Steps waiting for a handshake thread, not counting those of connections closed meanwhile. */
    synchronized int waiting() {
        return firstSteps.size() - closedWhileWaiting + laterSteps.size();
    }

    /** Connections open on the server: accepted and not yet closed, handshaken or not. */
    synchronized int open() {
        return open;
    }

    /** First steps handed to a handshake thread: handshakes begun. */
    long started() {
        return started.get();
    }

    /** Connections closed unstarted: too many were open or waited, or one waited too long. */
    long shed() {
        return shed.get();
    }

    synchronized List<Runnable> close() {
        closed = true;
        List<Runnable> left = new ArrayList<>(laterSteps);
        firstSteps.forEach(p -> left.add(p.step()));
        laterSteps.clear();
        firstSteps.clear();
        notifyAll();
        return left;
    }

    private record Pending(Connection connection, Runnable step, long queuedAt) {
    }
}
