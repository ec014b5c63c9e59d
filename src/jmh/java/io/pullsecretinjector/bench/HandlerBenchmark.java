package io.pullsecretinjector.bench;

import io.pullsecretinjector.admission.AdmissionHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The whole request path without HTTP and TLS: read, decide, patch, write, metrics. {@code payload} is a harness
 * payload or {@code containers-N}, a generated Pod with N containers (linearity in containers); {@code rules} is the
 * number of registry patterns (flatness in configuration size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandlerBenchmark {

    @Param({"small", "typical", "large", "containers-1", "containers-10", "containers-100"})
    public String payload;

    @Param({"10", "10000"})
    public int rules;

    private byte[] body;
    private AdmissionHandler handler;

    @Setup
    public void build() {
        body = payload.startsWith("containers-")
                ? BenchData.podWithContainers(Integer.parseInt(payload.substring("containers-".length())))
                : BenchData.payload(payload);
        handler = BenchData.handler(rules);
        AdmissionHandler.Answer answer = handler.handle(body);
        if (answer.status() != 200) {
            throw new IllegalStateException("benchmark input rejected: " + new String(answer.body()));
        }
    }

    @Benchmark
    public AdmissionHandler.Answer handle() {
        return handler.handle(body);
    }
}
