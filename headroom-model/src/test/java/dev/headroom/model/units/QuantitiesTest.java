package dev.headroom.model.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({
        "17ns, 17",
        "500us, 500000",
        "500µs, 500000",
        "250ms, 250000000",
        "1.5 s, 1500000000",
        "10s, 10000000000",
        "1_000ms, 1000000000",
        "1e3ms, 1000000000",
        "5m, 300000000000",
        "5min, 300000000000",
        "1.5h, 5400000000000",
        "2d, 172800000000000",
        "0s, 0"
    })
    void durationNanos_readsEveryUnit(String text, long nanos) {
        assertThat(Quantities.durationNanos(text)).isEqualTo(nanos);
    }

    @Test
    void durationNanos_withoutUnit_saysSoAndSuggestsMillisecondsOrSeconds() {
        assertThatThrownBy(() -> Quantities.durationNanos("30")).isInstanceOfSatisfying(QuantityException.class, e -> {
            assertThat(e.rule()).isEqualTo("a duration needs a unit");
            assertThat(e.fix()).contains("30ms").contains("30s");
        });
    }

    @Test
    void durationNanos_negative_isRejected() {
        assertThatThrownBy(() -> Quantities.durationNanos("-5s"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("a duration cannot be negative"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "5 seconds", "s", "1,5s", "5S", "", "--1s"})
    void durationNanos_garbage_isNotADuration(String text) {
        assertThatThrownBy(() -> Quantities.durationNanos(text)).isInstanceOfSatisfying(QuantityException.class, e -> {
            assertThat(e.rule()).isNotBlank();
            assertThat(e.fix()).isNotBlank();
        });
    }

    @Test
    void durationNanos_beyondAThousandDays_isTooLong() {
        assertThatThrownBy(() -> Quantities.durationNanos("1000000d"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("the duration is too long"));
    }

    @ParameterizedTest
    @CsvSource({
        "100/s, 100",
        "1_000/s, 1000",
        "100/sec, 100",
        "6000/min, 100",
        "6000/m, 100",
        "3600/h, 1",
        "5/ms, 5000",
        "1.5 / s, 1.5",
        "0/s, 0"
    })
    void ratePerSecond_readsEveryUnit(String text, double perSecond) {
        assertThat(Quantities.ratePerSecond(text)).isCloseTo(perSecond, within(1e-9));
    }

    @Test
    void ratePerSecond_thatOverflowsToInfinity_isRefused() {
        for (String rate : List.of("1e308/s", "1e300/ms", "1e300/s")) {
            assertThatThrownBy(() -> Quantities.ratePerSecond(rate))
                    .as(rate)
                    .isInstanceOfSatisfying(
                            QuantityException.class, e -> assertThat(e.rule()).isEqualTo("the number is too large"));
        }
        assertThat(Quantities.ratePerSecond("1e290/s")).isFinite();
    }

    @Test
    void finite_refusesInfinityAndNaN() {
        assertThat(Quantities.finite(1e308)).isEqualTo(1e308);
        for (double d : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertThatThrownBy(() -> Quantities.finite(d)).isInstanceOf(QuantityException.class);
        }
    }

    @Test
    void ratePerSecond_withoutUnit_saysSoAndSuggestsPerSecond() {
        assertThatThrownBy(() -> Quantities.ratePerSecond("300")).isInstanceOfSatisfying(QuantityException.class, e -> {
            assertThat(e.rule()).isEqualTo("a rate needs a unit");
            assertThat(e.fix()).contains("300/s");
        });
    }

    @Test
    void ratePerSecond_negative_isRejected() {
        assertThatThrownBy(() -> Quantities.ratePerSecond("-3/s"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("a rate cannot be negative"));
    }

    @Test
    void ratePerSecond_aDuration_isNotARate() {
        assertThatThrownBy(() -> Quantities.ratePerSecond("10s"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("not a rate"));
    }

    @ParameterizedTest
    @CsvSource({"1.5x, 1.5", "1.5, 1.5", "2 x, 2", "1_0x, 10", "-1.5, -1.5"})
    void factor_acceptsAnXOrAPlainNumber(String text, double value) {
        assertThat(Quantities.factor(text)).isEqualTo(value);
    }

    @Test
    void factor_garbage_isNotAFactor() {
        assertThatThrownBy(() -> Quantities.factor("150%"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("not a factor"));
    }

    @ParameterizedTest
    @CsvSource({"80%, 0.8", "0.8, 0.8", "0%, 0", "100%, 1", "1, 1", "12.5%, 0.125"})
    void fraction_acceptsPercentOrDecimal(String text, double value) {
        assertThat(Quantities.fraction(text)).isCloseTo(value, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"120%", "1.01", "-0.1"})
    void fraction_outsideZeroToOne_isRejected(String text) {
        assertThatThrownBy(() -> Quantities.fraction(text))
                .isInstanceOfSatisfying(QuantityException.class, e -> assertThat(e.rule())
                        .isEqualTo("a fraction must lie between 0 and 1"));
    }

    @Test
    void fraction_garbage_isNotAFraction() {
        assertThatThrownBy(() -> Quantities.fraction("most"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("not a fraction"));
    }

    @Test
    void number_andWholeNumber_acceptUnderscoresAsDigitSeparators() {
        assertThat(Quantities.number("1_000.5")).isEqualTo(1000.5);
        assertThat(Quantities.number("-2e3")).isEqualTo(-2000);
        assertThat(Quantities.wholeNumber("1_000_000")).isEqualTo(1_000_000L);
        assertThat(Quantities.wholeNumber("-4")).isEqualTo(-4L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.5", "four", "1e3", ""})
    void wholeNumber_rejectsFractionsAndWords(String text) {
        assertThatThrownBy(() -> Quantities.wholeNumber(text))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("not a whole number"));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "17, 17ns",
        "1500, 1.5us",
        "250000000, 250ms",
        "1500000000, 1.5s",
        "90000000000, 1m30s",
        "300000000000, 5m",
        "5400000000000, 1h30m",
        "7200000000000, 2h"
    })
    void formatDuration_writesWhatAPersonWould(long nanos, String text) {
        assertThat(Quantities.formatDuration(nanos)).isEqualTo(text);
    }

    @Test
    void formatRate_trimsTrailingZeros() {
        assertThat(Quantities.formatRate(100)).isEqualTo("100/s");
        assertThat(Quantities.formatRate(2.5)).isEqualTo("2.5/s");
    }

    @Test
    void numbersBeyondTheDoubleRange_areTooLarge_neverInfinite() {
        assertThatThrownBy(() -> Quantities.ratePerSecond("1e400/s"))
                .isInstanceOfSatisfying(
                        QuantityException.class, e -> assertThat(e.rule()).isEqualTo("the number is too large"));
        assertThatThrownBy(() -> Quantities.factor("1e400x")).isInstanceOf(QuantityException.class);
        assertThatThrownBy(() -> Quantities.fraction("1e400%")).isInstanceOf(QuantityException.class);
        assertThatThrownBy(() -> Quantities.number("-1e400")).isInstanceOf(QuantityException.class);
        assertThatThrownBy(() -> Quantities.durationNanos("1e400s")).isInstanceOf(QuantityException.class);
    }
}
