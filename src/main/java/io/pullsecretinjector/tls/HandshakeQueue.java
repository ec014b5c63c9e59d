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
 *   <li>a first step that has waited longer than {@code staleAfter} is dropped, not done: by then the server has
 *       closed the connection (Netty's handshake timeout) or its caller has given up. The connection is left to
 *       that timeout, which closes it.</li>
 * </ul>
 * The queue runs nothing itself: the handshake threads ({@link HandshakeThreads}) take steps with {@link #next()}.
 */
final class HandshakeQueue {

    private final long staleAfterNanos;
    private final LongSupplier clock;
    private final Deque<Pending> firstSteps = new ArrayDeque<>();
    private final Deque<Runnable> laterSteps = new ArrayDeque<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private boolean closed;

    HandshakeQueue(Duration staleAfter, LongSupplier clock) {
        this.staleAfterNanos = staleAfter.toNanos();
        this.clock = clock;
    }

    /** An executor for one connection's handshake: its first task is a first step, any later one a later step. */
    Executor forConnection() {
        return new Executor() {
            private boolean started;

            @Override
            public void execute(Runnable step) {
                boolean first = !started;
                started = true;
                submit(step, first);
            }
        };
    }

    private synchronized void submit(Runnable step, boolean first) {
        if (first) {
            firstSteps.addLast(new Pending(step, clock.getAsLong()));
        } else {
            laterSteps.addLast(step);
        }
        notifyAll();
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

    /** The next step to run, or {@code null} when none is waiting; drops stale first steps on the way. */
    synchronized Runnable poll() {
        Runnable later = laterSteps.pollFirst();
        if (later != null) {
            return later;
        }
        Pending newest = firstSteps.pollLast();
        if (newest == null) {
            return null;
        }
        if (clock.getAsLong() - newest.queuedAt() > staleAfterNanos) {
            // The newest is stale, so every older one is too.
            dropped.addAndGet(1 + firstSteps.size());
            firstSteps.clear();
            return null;
        }
        started.incrementAndGet();
        return newest.step();
    }

    synchronized int waiting() {
        return firstSteps.size() + laterSteps.size();
    }

    /** First steps handed to a handshake thread: handshakes begun. */
    long started() {
        return started.get();
    }

    long dropped() {
        return dropped.get();
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

    private record Pending(Runnable step, long queuedAt) {
    }
}
