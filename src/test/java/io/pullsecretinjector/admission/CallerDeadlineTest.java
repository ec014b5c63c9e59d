package io.pullsecretinjector.admission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The API server's {@code ?timeout=} is a Go duration; anything unreadable means no deadline, never a refusal. */
class CallerDeadlineTest {

    @ParameterizedTest(name = "\"{0}\" is {1} ns")
    @CsvSource({
            "10s, 10000000000",
            "9.5s, 9500000000",
            "1m30s, 90000000000",
            "250ms, 250000000",
            "2h45m, 9900000000000",
            "1500us, 1500000",
            "1500µs, 1500000",
            "7ns, 7"})
    void goDurationsAreRead(String text, long nanos) {
        assertThat(CallerDeadline.goDurationNanos(text)).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "\"{0}\" is no duration")
    @CsvSource({"''", "10", "s", "-1s", "1.2.3s", "10x", "ten seconds", "0s"})
    void anythingElseIsNoDuration(String text) {
        assertThat(CallerDeadline.goDurationNanos(text)).isEqualTo(-1);
        assertThat(CallerDeadline.of(text, 0)).isSameAs(CallerDeadline.NONE);
    }

    @Test
    void aDeadlineHasPassedOnlyAfterTheTimeoutHasElapsedSinceArrival() {
        CallerDeadline deadline = CallerDeadline.of("10s", 1_000);

        assertThat(deadline.passed(1_000 + 10_000_000_000L)).isFalse();
        assertThat(deadline.passed(1_001 + 10_000_000_000L)).isTrue();
        assertThat(CallerDeadline.NONE.passed(Long.MAX_VALUE)).isFalse();
    }
}
