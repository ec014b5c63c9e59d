package io.pullsecretinjector.bench;

import io.pullsecretinjector.image.ImageReference;
import io.pullsecretinjector.image.InvalidImageReferenceException;
import io.pullsecretinjector.image.RegistryIndex;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Normalising and matching the 14 distinct images of the large payload (Docker Hub short names, ECR wildcards,
 * gcr.io digests, ports...) against 10 or 10,000 registry patterns. Flat cost: 10,000 should cost what 10 cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchBenchmark {

    static final String[] IMAGES = {
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/data/transformer:2024.05.1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/data/transformer:2024.05.1",
            "bitnami/kafka-exporter:1.7.0", "busybox:1.36", "docker.io/library/alpine:3.19",
            "gcr.io/distroless/static@sha256:41972110a1c1a5c0b6adb283e8aa092c43c31f7c5d79b8656fbffff2c3e61f05",
            "ghcr.io/acme/feature-flags:v2.11.4", "mcr.microsoft.com/dotnet/runtime-deps:8.0",
            "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2", "quay.io/prometheus/node-exporter:v1.8.0",
            "redis:7.2.4", "registry.example.com/data/ingest-worker:3.2.0", "registry.k8s.io/pause:3.9",
            "localhost:5000/team/app:1"};

    @Param({"10", "10000"})
    public int rules;

    private RegistryIndex index;
    private String[] names;

    @Setup
    public void build() throws InvalidImageReferenceException {
        index = BenchData.index(rules);
        names = new String[IMAGES.length];
        for (int i = 0; i < IMAGES.length; i++) {
            names[i] = ImageReference.parse(IMAGES[i]).name();
        }
    }

    /** Lookup only, all 14 names. */
    @Benchmark
    public void match(Blackhole bh) {
        for (String name : names) {
            bh.consume(index.matching(name));
        }
    }

    /** Image parsing (normalisation) only, all 14 images. */
    @Benchmark
    public void parseImages(Blackhole bh) throws InvalidImageReferenceException {
        for (String image : IMAGES) {
            bh.consume(ImageReference.parse(image));
        }
    }
}
