package dev.headroom.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.model.catalog.CatalogFilter.Table;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class CatalogFilterTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static List<String> select(Table table, String... terms) {
        return CatalogFilter.parse(table, List.of(terms)).names(CATALOG);
    }

    private static List<String> instancesWhere(Predicate<InstanceType> p) {
        return CATALOG.instances().values().stream()
                .filter(p)
                .map(InstanceType::name)
                .toList();
    }

    @Test
    void family_selectsExactlyThatFamily_inCatalogOrder() {
        List<String> c5 = select(Table.INSTANCES, "family=c5");
        assertThat(c5).isEqualTo(instancesWhere(t -> t.name().startsWith("c5.")));
        assertThat(c5).contains("c5.large", "c5.4xlarge").doesNotContain("c6g.large");
        assertThat(select(Table.INSTANCES, "FAMILY = C5")).isEqualTo(c5);
    }

    @Test
    void severalTerms_mustAllMatch() {
        List<String> picked = select(Table.INSTANCES, "vcpus>=4", "price<0.2");
        assertThat(picked).isNotEmpty().isEqualTo(instancesWhere(t -> t.vcpus() >= 4 && t.pricePerHour() < 0.2));
        assertThat(picked).isNotEqualTo(instancesWhere(t -> t.vcpus() >= 4));
        assertThat(picked).isNotEqualTo(instancesWhere(t -> t.pricePerHour() < 0.2));
    }

    @Test
    void namePatterns_globOrPrefix() {
        assertThat(select(Table.INSTANCES, "*.large")).hasSize(9).isEqualTo(instancesWhere(t -> t.name()
                .endsWith(".large")));
        assertThat(select(Table.INSTANCES, "m5")).isNotEmpty().isEqualTo(instancesWhere(t -> t.name()
                .startsWith("m5")));
        assertThat(select(Table.INSTANCES, "t?.nano")).containsExactly("t2.nano", "t3.nano");
        assertThat(select(Table.RDS, "db.r6g.*"))
                .containsExactlyElementsOf(CATALOG.rdsClasses().keySet().stream()
                        .filter(n -> n.startsWith("db.r6g."))
                        .toList())
                .hasSize(4);
    }

    @Test
    void noTerms_keepEveryRow_andImpossibleTerms_keepNone() {
        assertThat(select(Table.VOLUMES))
                .containsExactlyElementsOf(CATALOG.volumes().keySet());
        assertThat(select(Table.INSTANCES, "vcpus>=4", "vcpus<4")).isEmpty();
        assertThat(select(Table.BALANCERS, "zz*")).isEmpty();
    }

    @Test
    void everyTable_readsItsOwnFields() {
        assertThat(select(Table.INSTANCES, "burstable=true"))
                .hasSize(21)
                .isEqualTo(instancesWhere(InstanceType::burstable));
        assertThat(select(Table.INSTANCES, "burstable!=true")).isEqualTo(instancesWhere(t -> !t.burstable()));
        assertThat(select(Table.INSTANCES, "baseline<1", "credits>0"))
                .isEqualTo(instancesWhere(InstanceType::burstable));
        assertThat(select(Table.RDS, "multiaz<0.1")).hasSize(4);
        assertThat(select(Table.CACHE, "memory>=50")).hasSize(5).allMatch(n -> n.startsWith("cache."));
        assertThat(select(Table.VOLUMES, "kind!=ssd"))
                .allMatch(n -> !CATALOG.volumes().get(n).kind().equalsIgnoreCase("ssd"));
        assertThat(select(Table.BALANCERS, "name=alb")).containsExactly("alb");
        assertThat(CatalogFilter.fields(Table.VOLUMES)).containsExactly("name", "kind", "price");
        assertThat(CatalogFilter.fields(Table.INSTANCES))
                .containsExactly("name", "family", "vcpus", "memory", "price", "burstable", "baseline", "credits");
    }

    @Test
    void typedRows_areTheRowsOfTheNames() {
        CatalogFilter rds = CatalogFilter.parse(Table.RDS, List.of("db.r5.*"));
        assertThat(rds.rdsClasses(CATALOG)).extracting(RdsClass::name).isEqualTo(rds.names(CATALOG));
        CatalogFilter cache = CatalogFilter.parse(Table.CACHE, List.of("vcpus=2"));
        assertThat(cache.cacheNodes(CATALOG)).isNotEmpty().allMatch(t -> t.vcpus() == 2);
        assertThatThrownBy(() -> rds.instances(CATALOG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rds");
    }

    @Test
    void tableNamed_ignoresCase_andSuggestsForUnknown() {
        assertThat(Table.named("RDS")).isEqualTo(Table.RDS);
        CatalogFilterException e = catchThrowableOfType(CatalogFilterException.class, () -> Table.named("volume"));
        assertThat(e.rule()).isEqualTo("unknown table");
        assertThat(e.fix()).startsWith("did you mean 'volumes'?");
        assertThat(e.getMessage()).startsWith("catalog 'volume': unknown table\n    fix: did you mean 'volumes'");
    }

    @Test
    void unknownField_failsAtParse_withSuggestion() {
        CatalogFilterException e = problem(Table.INSTANCES, "vcpux>=4");
        assertThat(e.term()).isEqualTo("vcpux>=4");
        assertThat(e.rule()).isEqualTo("unknown field 'vcpux'");
        assertThat(e.fix()).startsWith("did you mean 'vcpus'?").contains("valid: ");
        assertThat(e.getMessage()).isEqualTo("--filter 'vcpux>=4': unknown field 'vcpux'\n    fix: " + e.fix());
        // a field of another table is unknown here
        assertThat(problem(Table.BALANCERS, "vcpus>=4").rule()).isEqualTo("unknown field 'vcpus'");
    }

    @Test
    void badValues_failAtParse_evenWhenNoRowWouldBeTested() {
        // "zz*" matches no row, so a check made per row would never reach the second term.
        assertThat(problem(Table.INSTANCES, "zz*", "vcpus>=four").rule()).isEqualTo("'four' is not a number");
        assertThat(problem(Table.INSTANCES, "vcpus>=four").fix())
                .isEqualTo("compare vcpus with a number, such as vcpus>=4");
        assertThat(problem(Table.INSTANCES, "price<NaN").rule()).isEqualTo("'NaN' is not a number");
        CatalogFilterException order = problem(Table.RDS, "zz*", "family<db.r5");
        assertThat(order.rule()).isEqualTo("family can only be compared with = or !=");
        assertThat(order.fix()).isEqualTo("write family=db.r5");
        CatalogFilterException flag = problem(Table.INSTANCES, "burstable=yes");
        assertThat(flag.rule()).isEqualTo("burstable is true or false, not 'yes'");
        assertThat(flag.fix()).isEqualTo("write burstable=true or burstable=false");
    }

    @Test
    void emptyOrBrokenTerms_failAtParse() {
        CatalogFilterException empty = problem(Table.INSTANCES, " ");
        assertThat(empty.rule()).isEqualTo("empty term");
        assertThat(empty.fix()).contains("t3.*", "vcpus>=4", "burstable");
        CatalogFilterException broken = problem(Table.VOLUMES, "price>=");
        assertThat(broken.rule()).isEqualTo("neither a name pattern nor FIELD OP VALUE");
        assertThat(broken.fix()).contains("name, kind, price");
        assertThat(problem(Table.INSTANCES, ">=4").term()).isEqualTo(">=4");
    }

    private static CatalogFilterException problem(Table table, String... terms) {
        return catchThrowableOfType(CatalogFilterException.class, () -> CatalogFilter.parse(table, List.of(terms)));
    }

    /** Any text either parses or is refused with a CatalogFilterException that names it. */
    @Property(tries = 2000)
    void anyTerm_parsesOrFailsWithCatalogFilterException(@ForAll("terms") String term, @ForAll("tables") Table table) {
        try {
            CatalogFilter filter = CatalogFilter.parse(table, List.of(term));
            Statistics.collect(filter.names(CATALOG).isEmpty() ? "parsed, none match" : "parsed, some match");
        } catch (CatalogFilterException e) {
            Statistics.collect("refused");
            assertThat(e.term()).isEqualTo(term);
            assertThat(e.rule()).isNotBlank();
            assertThat(e.fix()).isNotBlank();
        }
        // Both ways out are taken often, so neither can go untested.
        Statistics.coverage(c -> {
            c.check("refused").percentage(p -> p > 10);
            c.check("parsed, some match").percentage(p -> p > 2);
            c.check("parsed, none match").percentage(p -> p > 5);
        });
    }

    /** Any table name is found or refused with a CatalogFilterException. */
    @Property(tries = 500)
    void anyTableName_isFoundOrRefused(@ForAll String name) {
        try {
            assertThat(Table.named(name).label()).isEqualToIgnoringCase(name.trim());
        } catch (CatalogFilterException e) {
            assertThat(e.term()).isEqualTo(name);
        }
    }

    @Property(tries = 500)
    void vcpusAtLeastN_isTheRowsWithThatManyVcpus(@ForAll("thresholds") double n) {
        String term = "vcpus>=" + n;
        assertThat(select(Table.INSTANCES, term)).isEqualTo(instancesWhere(t -> t.vcpus() >= n));
        assertThat(select(Table.CACHE, term))
                .isEqualTo(CATALOG.cacheNodes().values().stream()
                        .filter(t -> t.vcpus() >= n)
                        .map(InstanceType::name)
                        .toList());
    }

    @Provide
    Arbitrary<Table> tables() {
        return Arbitraries.of(Table.class);
    }

    /** Free text, and text built from the language's own pieces so that most of it nearly parses. */
    @Provide
    Arbitrary<String> terms() {
        Arbitrary<String> field = Arbitraries.of("vcpus", "VCPUS", "family", "burstable", "kind", "price", "nam", "");
        Arbitrary<String> op = Arbitraries.of("=", "!=", "<", "<=", ">", ">=", "=<", "==", "");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("4", "-1.5e3", ".5", "true", "c5", "NaN", "1_000", "\\E(", "*", ""),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> built = Combinators.combine(field, op, value).as((f, o, v) -> f + o + v);
        Arbitrary<String> pattern = Arbitraries.of("t3", "*", "?", ".", "large", "db.", "cache.", "m5", "lb", "g", " ")
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(parts -> String.join("", parts));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), built, pattern);
    }

    /** Whole numbers around the catalog's vCPU counts, halves, and values far outside. */
    @Provide
    Arbitrary<Double> thresholds() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 20).map(Integer::doubleValue),
                Arbitraries.integers().between(-4, 40).map(i -> i / 2.0),
                Arbitraries.doubles().between(-1e6, 1e6));
    }
}
