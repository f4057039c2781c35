package dev.headroom.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/**
 * {@link Dimension#parse} and {@link Dimension#of} read whatever a user types after {@code --vary}:
 * they either give a dimension or refuse it with a {@link PlanInputException}, and what they give
 * is exactly what was written. {@link Space} numbers its configurations one to one.
 */
class DimensionProperties {

    @Property(tries = 2000)
    void parse_ofAnyText_givesADimensionOrAPlanInputException(@ForAll("varyText") String arg) {
        try {
            Dimension d = Dimension.parse(arg, "--vary " + arg);
            assertThat(d.values()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(d.path()).isNotBlank().doesNotContain("=");
            assertThat(d.values().size()).isLessThanOrEqualTo(Dimension.MAX_VALUES);
        } catch (PlanInputException e) {
            assertThat(e.where()).isEqualTo("--vary " + arg);
            assertThat(e.rule()).isNotBlank();
            assertThat(e.fix()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void of_ofAnyValues_givesADimensionOrAPlanInputException(@ForAll("valuesText") String values) {
        try {
            Dimension d = Dimension.of("architecture.pool.type", values, "spec.yaml:3:5");
            assertThat(d.values()).isNotEmpty().doesNotHaveDuplicates();
        } catch (PlanInputException e) {
            assertThat(e.where()).isEqualTo("spec.yaml:3:5");
            assertThat(e.getMessage()).startsWith("spec.yaml:3:5: ").contains("fix: ");
        }
    }

    @Property
    void range_givesExactlyTheValuesOfTheRange(
            @ForAll @IntRange(min = -500, max = 500) int from,
            @ForAll @IntRange(min = 0, max = 3000) int length,
            @ForAll @IntRange(min = 1, max = 50) int step,
            @ForAll boolean spaces) {
        int to = from + length;
        String text = spaces ? " " + from + " .. " + to + " / " + step + " " : from + ".." + to + "/" + step;
        Dimension d = Dimension.parse("architecture.pool.instances=" + text, "test");

        List<String> expected = LongStream.rangeClosed(from, to)
                .filter(v -> (v - from) % step == 0)
                .mapToObj(Long::toString)
                .toList();
        assertThat(d.values()).containsExactlyElementsOf(expected);
        assertThat(d.count()).isTrue();
        assertThat(d.path()).isEqualTo("architecture.pool.instances");
    }

    @Property
    void rangeWithoutStep_stepsByOne(
            @ForAll @IntRange(min = 0, max = 100) int from, @ForAll @IntRange(min = 0, max = 100) int length) {
        Dimension d = Dimension.of("architecture.pool.instances", from + ".." + (from + length), "test");
        assertThat(d.values()).hasSize(length + 1);
        assertThat(d.values().get(0)).isEqualTo(Integer.toString(from));
        assertThat(d.values().get(length)).isEqualTo(Integer.toString(from + length));
    }

    @Property
    void backwardsRange_isRefused(
            @ForAll @IntRange(min = -100, max = 100) int to, @ForAll @IntRange(min = 1, max = 100) int gap) {
        String text = (to + gap) + ".." + to;
        assertThatThrownBy(() -> Dimension.of("architecture.pool.instances", text, "test"))
                .isInstanceOf(PlanInputException.class)
                .hasMessageContaining("runs backwards")
                .hasMessageContaining(to + ".." + (to + gap));
    }

    @Test
    void rangeOverTenThousandValues_isRefused_butTenThousandIsFine() {
        assertThat(Dimension.of("architecture.pool.instances", "1..10000", "test")
                        .values())
                .hasSize(Dimension.MAX_VALUES);
        assertThatThrownBy(() -> Dimension.of("architecture.pool.instances", "1..10001", "test"))
                .isInstanceOf(PlanInputException.class)
                .hasMessageContaining("10,001 values, more than 10,000");
        assertThatThrownBy(() -> Dimension.of("architecture.pool.instances", "-999999999..999999999", "test"))
                .isInstanceOf(PlanInputException.class)
                .hasMessageContaining("more than 10,000");
    }

    @Property
    void list_keepsTheOrderWritten(@ForAll("names") @Size(min = 1, max = 12) @UniqueElements List<String> names) {
        Dimension d = Dimension.parse("architecture.pool.type=" + String.join(" , ", names), "test");
        assertThat(d.values()).containsExactlyElementsOf(names);
        assertThat(d.written()).isEqualTo(String.join(" , ", names));
    }

    @Property
    void listOfIntegers_isACount_onlyWhenItRises(
            @ForAll @Size(min = 2, max = 8) @UniqueElements List<@IntRange(min = 0, max = 99) Integer> counts) {
        List<String> written = counts.stream().map(String::valueOf).toList();
        Dimension d = Dimension.of("architecture.db.replicas", String.join(",", written), "test");
        assertThat(d.values()).containsExactlyElementsOf(written);
        List<Integer> sorted = new ArrayList<>(counts);
        sorted.sort(null);
        assertThat(d.count()).isEqualTo(sorted.equals(counts));
    }

    @Property
    void space_numbersEachConfigurationOnce(@ForAll("dimensions") List<Dimension> dims) {
        Space space = new Space(dims);
        long expected = 1;
        for (Dimension d : dims) {
            expected *= d.values().size();
        }
        assertThat(space.size()).isEqualTo(expected);
        Set<List<String>> seen = new HashSet<>();
        for (int i = 0; i < space.size(); i++) {
            int[] c = space.choice(i);
            assertThat(space.index(c)).isEqualTo(i);
            for (int k = 0; k < c.length; k++) {
                assertThat(c[k]).isBetween(0, dims.get(k).values().size() - 1);
            }
            List<String> o = space.overrides(i);
            assertThat(o).hasSize(dims.size());
            assertThat(seen.add(o)).as("overrides(%d) = %s seen before", i, o).isTrue();
        }
    }

    @Test
    void space_refusesAPathVariedTwice_andAnEmptyOrHugeSpace() {
        Dimension a = Dimension.parse("architecture.pool.instances=1..4", "test");
        Dimension b = Dimension.parse("architecture.pool.instances=5,6", "test");
        assertThatThrownBy(() -> new Space(List.of(a, b)))
                .isInstanceOf(PlanInputException.class)
                .hasMessageContaining("varied twice");
        assertThatThrownBy(() -> new Space(List.of()))
                .isInstanceOf(PlanInputException.class)
                .hasMessageContaining("nothing to vary");
        List<Dimension> huge = List.of(
                Dimension.parse("architecture.pool.instances=1..1000", "test"),
                Dimension.parse("architecture.db.connections=1..101", "test"));
        assertThatThrownBy(() -> new Space(huge))
                .isInstanceOf(PlanInputException.class)
                .hasMessageContaining("101,000 configurations");
    }

    @Provide
    Arbitrary<String> varyText() {
        Arbitrary<String> path = Arbitraries.of(
                "architecture.pool.instances", "architecture.pool.type", "a", "", " ", "a..b", "x=y", "pool[0]");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                path.flatMap(p -> valuesText().map(v -> p + "=" + v)),
                Arbitraries.strings().withChars("=.,/()*<>=!- 0123456789abc").ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> valuesText() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 20).map(String::valueOf),
                Arbitraries.of("999999999", "-999999999", "9999999999", "0", "00", "1e3", ""));
        Arbitrary<String> range = number.flatMap(a -> number.flatMap(
                b -> Arbitraries.of("", "/0", "/1", "/3", "/-1", "/x").map(s -> a + ".." + b + s)));
        Arbitrary<String> term = Arbitraries.of(
                "family=c5",
                "vcpus<=8",
                "vcpus<=x",
                "price<0.2",
                "nosuch=1",
                "db.r6g.*",
                "cache.r5.*",
                "gp3",
                "*",
                "",
                "=",
                "<=",
                "memory>=abc",
                "vcpus>>4");
        Arbitrary<String> table = Arbitraries.of("instances", "rds", "cache", "volumes", "nosuch", "INSTANCES", "");
        Arbitrary<String> filter =
                table.flatMap(t -> term.list().ofMaxSize(3).map(ts -> t + "(" + String.join(", ", ts) + ")"));
        Arbitrary<String> list = Arbitraries.of("c5.large", "m5.large", "c5.large", "", " ", "2", "1")
                .list()
                .ofMaxSize(4)
                .map(l -> String.join(",", l));
        return Arbitraries.oneOf(range, filter, list, Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789.-")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(s -> !s.contains(".."))
                .list();
    }

    @Provide
    Arbitrary<List<Dimension>> dimensions() {
        Arbitrary<String> one = Arbitraries.integers()
                .between(1, 7)
                .flatMap(n -> Arbitraries.integers().between(0, 5).map(from -> from + ".." + (from + n - 1)));
        return one.list().ofMinSize(1).ofMaxSize(4).map(ranges -> {
            List<Dimension> dims = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            for (String r : ranges) {
                String path = "architecture.d" + used.size();
                used.add(path);
                dims.add(Dimension.of(path, r, "test"));
            }
            return dims;
        });
    }
}
