package io.pullsecretinjector.bench;

import io.pullsecretinjector.admission.AdmissionRequest;
import io.pullsecretinjector.admission.AdmissionReviewReader;
import io.pullsecretinjector.admission.MalformedReviewException;
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
 * Reading an AdmissionReview body: only the fields the decision needs, the rest skipped (but validated), with the shipped
 * skip and with Jackson's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    @Param({"small", "typical", "large"})
    public String payload;

    /** {@code jump}: the shipped reader, skipped values jumped over; {@code jackson}: skipped values tokenized. */
    @Param({"jump", "jackson"})
    public String skip;

    private byte[] body;
    private AdmissionReviewReader reader;

    @Setup
    public void load() throws ReflectiveOperationException {
        body = BenchData.payload(payload);
        // The reference reader is package-private: it exists for the equivalence test.
        var constructor = AdmissionReviewReader.class.getDeclaredConstructor(boolean.class);
        constructor.setAccessible(true);
        reader = constructor.newInstance("jump".equals(skip));
    }

    @Benchmark
    public AdmissionRequest parse() throws MalformedReviewException {
        return reader.read(body);
    }
}
