package io.pullsecretinjector.admission;

import io.pullsecretinjector.testing.JsonMutants;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped reader (skipped values jumped over) against the same reader on Jackson's own skip: on real reviews, the
 * bad-input corpus and thousands of mutants of the reviews, both read the same request (every field, every problem) or
 * both reject the body.
 */
class SkippingReaderEquivalenceTest {

    @Test
    void readsTheSameRequestOrRejectsTheSameBodyAsJacksonsSkip() {
        List<String> disagreements = new ArrayList<>();
        int[] read = {0};
        int[] total = {0};
        JsonMutants.samples(1500, 42L).forEach(sample -> {
            // Fresh readers for each body: Jackson's verdict on a field name it has seen before can differ (see
            // JacksonAgreementTest), and that is not what is compared here.
            String expected = outcome(new AdmissionReviewReader(false), sample.bytes());
            String actual = outcome(new AdmissionReviewReader(), sample.bytes());
            total[0]++;
            read[0] += expected.startsWith("read") ? 1 : 0;
            if (!expected.equals(actual)) {
                disagreements.add(sample.name() + ":\n  reference: " + expected + "\n  shipped:   " + actual);
            }
        });
        assertThat(disagreements).as("bodies read differently").isEmpty();
        assertThat(read[0]).as("bodies read, of %d", total[0]).isBetween(total[0] / 10, total[0] * 9 / 10);
    }

    /**
     * A body read in place from the middle of a larger array (as {@link RequestBody} hands over a one-chunk body) reads
     * exactly as the same bytes alone: nothing before the offset or past the length is looked at, even where the bytes
     * around it would continue a truncated document.
     */
    @Test
    void readsABodyInsideALargerArrayAsTheSameBytesAlone() {
        byte[] before = "{\"kind\":[\"".getBytes(StandardCharsets.UTF_8);
        byte[] after = "\"]}}]} 0".getBytes(StandardCharsets.UTF_8);
        List<String> disagreements = new ArrayList<>();
        JsonMutants.samples(300, 43L).forEach(sample -> {
            byte[] body = sample.bytes();
            byte[] around = new byte[before.length + body.length + after.length];
            System.arraycopy(before, 0, around, 0, before.length);
            System.arraycopy(body, 0, around, before.length, body.length);
            System.arraycopy(after, 0, around, before.length + body.length, after.length);

            String alone = outcome(new AdmissionReviewReader(), body);
            String inPlace = outcome(new AdmissionReviewReader(), around, before.length, body.length);
            if (!alone.equals(inPlace)) {
                disagreements.add(sample.name() + ":\n  alone:    " + alone + "\n  in place: " + inPlace);
            }
        });
        assertThat(disagreements).as("bodies read differently in place").isEmpty();
    }

    private static String outcome(AdmissionReviewReader reader, byte[] body) {
        return outcome(reader, body, 0, body.length);
    }

    private static String outcome(AdmissionReviewReader reader, byte[] body, int offset, int length) {
        try {
            return "read " + reader.read(body, offset, length);
        } catch (MalformedReviewException e) {
            return "rejected";
        }
    }
}
