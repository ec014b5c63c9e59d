package io.pullsecretinjector.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One replica's candidacy for the one leader that writes (secret sync, Events, managed certificates).
 * fabric8 leader election on a coordination.k8s.io Lease (verbs get, create, patch). A lost leadership ends a fabric8
 * elector for good, so a new one is started after it; {@link #stop()} releases the Lease so another replica takes over
 * at its next retry instead of after the lease duration.
 *
 * <p>Timing (client-go defaults scaled down): the Lease is valid 15 s, the leader renews within 10 s, candidates retry
 * every 2 s. So after a leader dies uncleanly another replica writes within about 17 s.
 */
public final class LeaderElection {

    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final LeaseLock lock;
    private final String identity;
    private final List<Runnable> onGain = new CopyOnWriteArrayList<>();
    private final List<Runnable> onLoss = new CopyOnWriteArrayList<>();
    private volatile boolean leading;
    private boolean stopped;
    private CompletableFuture<?> running;

    public LeaderElection(KubernetesClient client, String namespace, String leaseName, String identity) {
        this.client = client;
        this.lock = new LeaseLock(namespace, leaseName, identity);
        this.identity = identity;
    }

    /**
     * Adds what to run when this replica becomes the leader and when it stops being it (on the elector's thread: hand
     * work over to your own executor). A listener added while leading is told at once.
     */
    public void onChange(Runnable gained, Runnable lost) {
        onGain.add(gained);
        onLoss.add(lost);
        if (leading) {
            gained.run();
        }
    }

    public synchronized void start() {
        if (stopped || running != null && !running.isDone()) {
            return;
        }
        var config = new LeaderElectionConfigBuilder()
                .withName(lock.describe())
                .withLock(lock)
                .withLeaseDuration(LEASE_DURATION)
                .withRenewDeadline(RENEW_DEADLINE)
                .withRetryPeriod(RETRY_PERIOD)
                .withLeaderCallbacks(new LeaderCallbacks(this::gained, this::lost, leader -> { }))
                .withReleaseOnCancel()
                .build();
        running = client.leaderElector().withConfig(config).build().start();
        running.whenComplete((ignored, failure) -> rerun());
    }

    /** Runs again after a loss (or an elector failure), after one retry period. */
    private void rerun() {
        Executor later = CompletableFuture.delayedExecutor(RETRY_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture.runAsync(this::start, later);
    }

    public synchronized void stop() {
        stopped = true;
        if (running != null) {
            running.cancel(true);
        }
    }

    public boolean leading() {
        return leading;
    }

    public String identity() {
        return identity;
    }

    private void gained() {
        leading = true;
        LOG.infof("%s is the leader (%s): it writes secret copies, Events and managed certificates", identity,
                lock.describe());
        onGain.forEach(Runnable::run);
    }

    private void lost() {
        if (leading) {
            leading = false;
            LOG.infof("%s is no longer the leader", identity);
            onLoss.forEach(Runnable::run);
        }
    }
}
