package dev.headroom.model.spec;

import static dev.headroom.model.spec.Specs.MINIMAL;
import static dev.headroom.model.spec.Specs.SHOP;
import static dev.headroom.model.spec.Specs.load;
import static dev.headroom.model.spec.Specs.problem;
import static dev.headroom.model.spec.Specs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Routing;
import dev.headroom.model.workload.Distribution;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OverridesTest {

    @Test
    void set_replacesAValue() throws SpecException {
        Spec spec = load(SHOP, "architecture.pool.instances=8");

        assertThat(spec.architecture().pool().instances()).isEqualTo(8);
    }

    @Test
    void set_picksAListItemByName() throws SpecException {
        Spec spec = load(SHOP, "workload.classes.browse.weight=3");

        assertThat(spec.workload().classes().get(0).weight()).isEqualTo(3);
        assertThat(spec.workload().classes().get(1).weight()).isEqualTo(20);
    }

    @Test
    void set_picksAListItemByIndex() throws SpecException {
        Spec spec = load(SHOP, "workload.classes[1].weight=3", "workload.profile.phases[0].constant.rate=50/s");

        assertThat(spec.workload().classes().get(1).weight()).isEqualTo(3);
        assertThat(spec.workload().profile().rateAt(0)).isEqualTo(50);
    }

    @Test
    void set_replacesAWholeListItem() throws SpecException {
        Spec spec = load(SHOP, "workload.profile.phases[2]={constant: {rate: 2000/s, duration: 1m}}");

        assertThat(spec.workload().profile().peakRate()).isEqualTo(2_000);
        assertThat(spec.workload().profile().durationSeconds()).isEqualTo(60 + 120 + 60);
    }

    @Test
    void set_addsAnOptionalKey() throws SpecException {
        Spec spec = load(SHOP, "workload.profile.scale=1.5", "seed=7", "architecture.lb.backendLimit=32");

        assertThat(spec.workload().profile().scale()).isEqualTo(1.5);
        assertThat(spec.seed()).hasValue(7);
        assertThat(spec.architecture().lb().orElseThrow().backendLimit()).isEqualTo(OptionalInt.of(32));
    }

    @Test
    void set_createsAnOptionalSection() throws SpecException {
        Spec spec = load(MINIMAL, "architecture.lb.routing=least-outstanding", "architecture.pool.instances=3");

        assertThat(spec.architecture().lb())
                .hasValue(new LoadBalancer(Routing.LEAST_OUTSTANDING, OptionalInt.empty(), Defaults.LB_QUEUE_LIMIT, 1));
        assertThat(spec.architecture().pool().instances()).isEqualTo(3);
    }

    @Test
    void set_acceptsYamlFlowValues() throws SpecException {
        Spec spec = load(
                SHOP,
                "architecture.db.disk={iops: 6000, latency: 1ms}",
                "workload.classes.checkout.cpu={lognormal: {mean: 5ms, p99: 30ms}}");

        assertThat(spec.architecture().db().orElseThrow().disk()).hasValue(Disk.raw(6_000, 1_000_000));
        assertThat(spec.workload().classes().get(1).cpu()).isEqualTo(new Distribution.LogNormal(5e6, 30e6));
    }

    @Test
    void set_laterOverridesWin() throws SpecException {
        Spec spec = load(SHOP, "architecture.pool.cores=4", "architecture.pool.cores=8");

        assertThat(spec.architecture().pool().cores()).isEqualTo(8);
    }

    @Test
    void set_badValue_isLocatedInTheSetText() {
        Problem p = problem(SHOP, "architecture.client.timeout=30");

        assertThat(p)
                .extracting(
                        Problem::source,
                        Problem::line,
                        Problem::column,
                        Problem::path,
                        Problem::value,
                        Problem::rule,
                        Problem::sourceLine)
                .containsExactly(
                        "--set architecture.client.timeout=30",
                        1,
                        29,
                        "architecture.client.timeout",
                        "30",
                        "a duration needs a unit",
                        "architecture.client.timeout=30");
        assertThat(p.format())
                .startsWith("--set architecture.client.timeout=30:1:29: ")
                .contains(System.lineSeparator() + " ".repeat(4 + 28) + "^");
    }

    @Test
    void set_badValueInsideAFlowValue_pointsAtThatValue() {
        String arg = "architecture.db.disk={iops: 6000, latency: 1}";

        Problem p = problem(SHOP, arg);

        assertThat(p.source()).isEqualTo("--set " + arg);
        assertThat(p.path()).isEqualTo("architecture.db.disk.latency");
        assertThat(p.column()).isEqualTo(arg.indexOf("1}") + 1);
        assertThat(p.rule()).isEqualTo("a duration needs a unit");
    }

    @Test
    void set_invalidYaml_isReported() {
        Problem p = problem(SHOP, "architecture.db.disk={iops: 6000");

        assertThat(p.source()).isEqualTo("--set architecture.db.disk={iops: 6000");
        assertThat(p.rule()).isEqualTo("the value is not valid YAML");
        assertThat(p.column()).isEqualTo("architecture.db.disk=".length() + 1);
    }

    @Test
    void set_withoutEquals_isReported() {
        Problem p = problem(SHOP, "architecture.pool.instances");

        assertThat(p)
                .extracting(Problem::source, Problem::line, Problem::column, Problem::rule)
                .containsExactly("--set architecture.pool.instances", 1, 1, "an override must look like path=value");
        assertThat(p.fix()).contains("architecture.pool.instances=8");
    }

    @Test
    void set_unknownSection_suggestsTheClosestKey() {
        Problem p = problem(SHOP, "architecture.poll.instances=3");

        assertThat(p.source()).isEqualTo("--set architecture.poll.instances=3");
        assertThat(p.column()).isEqualTo("architecture.".length() + 1);
        assertThat(p.path()).isEqualTo("architecture.poll");
        assertThat(p.rule()).isEqualTo("there is no 'poll' under architecture");
        assertThat(p.fix()).startsWith("did you mean 'pool'?");
    }

    @Test
    void set_unknownKeyUnderACreatedSection_leavesNoEmptySectionBehind() {
        // MINIMAL has no db: a db created empty for the failed override would be "db.cores is required".
        Problem p = problem(MINIMAL, "architecture.db.disc.iops=3000");

        assertThat(p.path()).isEqualTo("architecture.db.disc");
        assertThat(p.rule()).isEqualTo("there is no 'disc' under architecture.db");
    }

    @Test
    void set_unknownListItem_listsTheNames() {
        Problem p = problem(SHOP, "workload.classes.login.weight=3");

        assertThat(p.path()).isEqualTo("workload.classes.login");
        assertThat(p.column()).isEqualTo("workload.classes.".length() + 1);
        assertThat(p.rule()).isEqualTo("no list item has that index or name");
        assertThat(p.fix()).contains("0 to 1").contains("browse, checkout");
    }

    @Test
    void set_indexOutOfRange_isReported() {
        Problem p = problem(SHOP, "workload.classes[5].weight=3");

        assertThat(p.rule()).isEqualTo("no list item has that index or name");
    }

    @Test
    void set_intoASingleValue_isReported() {
        Problem p = problem(SHOP, "name.first=x");

        assertThat(p.rule()).isEqualTo("name is a single value, so it has no 'first'");
        assertThat(p.column()).isEqualTo("name.".length() + 1);
    }

    @Test
    void set_emptyPathPart_isReported() {
        Problem p = problem(SHOP, "architecture..pool=3");

        assertThat(p.rule()).isEqualTo("the path has an empty part");
    }

    @Test
    void set_aValueThatContainsItself_isAProblemNotAStackOverflow() {
        List<Problem> found = problems(SHOP, "architecture.pool=&a [*a]");

        assertThat(found)
                .first()
                .extracting(Problem::source, Problem::rule)
                .containsExactly("--set architecture.pool=&a [*a]", "must be a mapping of keys to values");
    }

    @Test
    void set_unknownLastKey_isLocatedInTheSetTextWithASuggestion() {
        Problem p = problem(SHOP, "architecture.pool.instnces=8");

        assertThat(p)
                .extracting(Problem::source, Problem::line, Problem::column, Problem::path, Problem::rule)
                .containsExactly(
                        "--set architecture.pool.instnces=8",
                        1,
                        "architecture.pool.".length() + 1,
                        "architecture.pool.instnces",
                        "unknown key");
        assertThat(p.fix()).startsWith("did you mean 'instances'?");
    }

    @Test
    void set_intoAScalarSpec_saysTheSpecIsASingleValue() {
        List<Problem> found = problems("just text\n", "architecture.pool.instances=2");

        assertThat(found).anySatisfy(p -> assertThat(p.rule())
                .isEqualTo("the spec is a single value, so it has no 'architecture'"));
    }

    @Test
    void set_intoASectionWrittenEmpty_fillsIt() throws SpecException {
        String emptyLb = Specs.edit(SHOP, "lb: { routing: least-outstanding }", "lb:");

        Spec spec = load(emptyLb, "architecture.lb.routing=round-robin");

        assertThat(spec.architecture().lb().orElseThrow().routing()).isEqualTo(Routing.ROUND_ROBIN);
    }

    @Test
    void set_problemsAndFileProblems_areReportedTogether() {
        List<Problem> found =
                problems(Specs.edit(SHOP, "timeout: 10s", "timeout: 30"), "architecture.pool.cores=0", "nosuch.key=1");

        assertThat(found)
                .extracting(Problem::source, Problem::path)
                .containsExactlyInAnyOrder(
                        tuple("--set nosuch.key=1", "nosuch"),
                        tuple("shop.yaml", "architecture.client.timeout"),
                        tuple("--set architecture.pool.cores=0", "architecture.pool.cores"));
    }
}
