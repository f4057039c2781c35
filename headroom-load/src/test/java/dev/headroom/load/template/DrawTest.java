package dev.headroom.load.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.random.RandomStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrawTest {
    private static final List<List<String>> ROWS = List.of(List.of("1", "a"), List.of("2", "b"));

    private static Draw draw(FeederSpec spec) {
        return new Feeders(List.of(spec)).drawer(RandomStream.of(1, "test"));
    }

    @Test
    void sequentialCsv_wrapsAround_andKeepsOneRowPerRequest() {
        Draw d = draw(new FeederSpec.Csv("f.csv", List.of("id", "name"), ROWS, FeederSpec.Order.SEQUENTIAL));
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            d.next();
            seen.append(d.value(0, 0)).append(d.value(0, 1)).append(' ');
        }
        assertThat(seen.toString()).isEqualTo("1a 2b 1a ");
    }

    @Test
    void uniqueCsv_handsOutEachRowOnce_thenReportsExhaustion() {
        Feeders feeders =
                new Feeders(List.of(new FeederSpec.Csv("f.csv", List.of("id", "name"), ROWS, FeederSpec.Order.UNIQUE)));
        Draw a = feeders.drawer(RandomStream.of(1, "a"));
        Draw b = feeders.drawer(RandomStream.of(1, "b"));
        a.next();
        b.next();
        assertThat(Set.of(a.value(0, 0), b.value(0, 0))).containsExactlyInAnyOrder("1", "2");
        a.next();
        a.value(0, 0);
        assertThat(a.exhausted()).isTrue();
        assertThat(a.exhaustedFeeder()).isEqualTo("f.csv");
    }

    @Test
    void uuids_areVersion4_andDistinct() {
        Draw d = draw(new FeederSpec.Uuid());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            d.next();
            String u = d.value(0, 0);
            assertThat(u).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            ids.add(u);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void randomInts_stayInTheirRange_andCountersCount() {
        Draw r = draw(new FeederSpec.RandomInt(5, 7));
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            r.next();
            values.add(r.value(0, 0));
        }
        assertThat(values).containsExactlyInAnyOrder("5", "6", "7");
        Draw c = draw(new FeederSpec.Counter(1000));
        c.next();
        String first = c.value(0, 0);
        c.next();
        assertThat(List.of(first, c.value(0, 0))).containsExactly("1000", "1001");
    }
}
