package io.covey.host.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Where a host run's event numbering starts (the client side of it: SubscriptionResilienceTest). */
class FirstEventSeqBaseTest {
    private static final long NOW = Instant.parse("2026-11-23T22:00:00Z").toEpochMilli();

    @Test
    void aRunStartsAboveTheTimeInMicrosecondsOrAboveTheSavedSeqIfThatIsHigher() {
        assertThat(CoveyHostAutoConfiguration.firstEventSeqBase(0, NOW)).isEqualTo(NOW * 1000);
        assertThat(CoveyHostAutoConfiguration.firstEventSeqBase(42, NOW)).isEqualTo(NOW * 1000);
        assertThat(CoveyHostAutoConfiguration.firstEventSeqBase(NOW * 1000 + 7, NOW)).isEqualTo(NOW * 1000 + 7);
    }

    @Test
    void aRunStartedASecondLaterStartsAboveEveryEarlierRunThatPublishedUnderAMillionEventsASecond() {
        long first = CoveyHostAutoConfiguration.firstEventSeqBase(0, NOW);
        long lastOfFirstRun = first + 999_999;
        assertThat(CoveyHostAutoConfiguration.firstEventSeqBase(0, NOW + 1000)).isGreaterThan(lastOfFirstRun);
    }

    @Test
    void seqsStayExactAsDoublesForTwoCenturies() {
        long year2200 = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        assertThat(CoveyHostAutoConfiguration.firstEventSeqBase(0, year2200)).isLessThan(1L << 53);
    }
}
