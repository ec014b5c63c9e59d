package io.pullsecretinjector.bench;

import io.pullsecretinjector.admission.AdmissionResponseWriter;
import io.pullsecretinjector.injection.ContainerImage;
import io.pullsecretinjector.injection.PodView;
import io.pullsecretinjector.patch.PatchOperation;
import io.pullsecretinjector.patch.PodPatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Building the JSON Patch and writing the whole response (patch JSON, base64, envelope), as for the typical Pod. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PatchBenchmark {

    private static final List<String> SECRETS = List.of("dockerhub", "ecr", "ghcr-cred", "regcred");

    private final AdmissionResponseWriter writer = new AdmissionResponseWriter();
    private final PodView newList = pod(List.of());
    private final PodView existingList = pod(List.of("regcred-old"));

    private static PodView pod(List<String> pullSecrets) {
        return new PodView("web-7d9c*", null, false,
                List.of(new ContainerImage("containers", "web", "registry.example.com/shop/checkout:1.14.2")),
                pullSecrets, true, true, null);
    }

    @Benchmark
    public byte[] patchNewList() {
        List<PatchOperation> ops = PodPatch.adding(newList, SECRETS);
        return writer.allowed("admission.k8s.io/v1", "5b0ad3a4-0c43-4a7c-9c1e-2f1b8f3f8d11", ops, List.of());
    }

    @Benchmark
    public byte[] patchAppend() {
        List<PatchOperation> ops = PodPatch.adding(existingList, SECRETS);
        return writer.allowed("admission.k8s.io/v1", "5b0ad3a4-0c43-4a7c-9c1e-2f1b8f3f8d11", ops, List.of());
    }
}
