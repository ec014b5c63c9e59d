package io.pullsecretinjector.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pullsecretinjector.injection.Outcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admission metrics. Meters are looked up once and cached: a registry lookup per request would cost more than the
 * decision itself.
 */
@ApplicationScoped
public class AdmissionMetrics {

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> admissions = new EnumMap<>(Outcome.class);
    private final Map<String, Counter> injected = new ConcurrentHashMap<>();
    private final Map<String, Counter> missing = new ConcurrentHashMap<>();
    private final Timer duration;
    private final Map<Abandoned, Counter> abandoned = new EnumMap<>(Abandoned.class);

    /** Why a request was not answered: its caller had closed the connection, or its {@code ?timeout=} had passed. */
    enum Abandoned {
        CLOSED, DEADLINE
    }

    public AdmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            admissions.put(outcome, Counter.builder("injector.admissions")
                    .description("Admission requests by outcome: patched, audited, unchanged, skipped, "
                            + "rejected (HTTP 400)")
                    .tag("outcome", outcome.label())
                    .register(registry));
        }
        duration = Timer.builder("injector.admission.duration")
                .description("Time to read, decide and answer one admission request (excluding TLS and HTTP)")
                .publishPercentileHistogram()
                .register(registry);
        for (Abandoned reason : Abandoned.values()) {
            abandoned.put(reason, Counter.builder("injector.admissions.abandoned")
                    .description("Requests not answered because the caller had given up: connection closed, or "
                            + "its ?timeout= passed (answered 503)")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
    }

    void abandoned(Abandoned reason) {
        abandoned.get(reason).increment();
    }

    void admission(Outcome outcome, long startNanos) {
        admissions.get(outcome).increment();
        duration.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void injected(String secret) {
        injected.computeIfAbsent(secret, name -> Counter.builder("injector.secrets.injected")
                .description("Pull secrets added to Pods, by secret name")
                .tag("secret", name)
                .register(registry)).increment();
    }

    void missing(String secret) {
        missing.computeIfAbsent(secret, name -> Counter.builder("injector.secrets.missing")
                .description("Pull secrets injected although the cache knows they do not exist in the Pod's namespace")
                .tag("secret", name)
                .register(registry)).increment();
    }
}
