package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.workload.Distribution;
import dev.headroom.model.workload.RequestClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated valid specs, and random {@code --set} overrides on them: whatever the text, the loader
 * either returns a sane {@link Spec} or throws a {@link SpecException} whose every problem has a
 * rule, a fix and a location that points into the text it came from. Nothing else may escape.
 */
class SpecLoaderFuzzProperties {

    /** YAML 1.1 line breaks, as SnakeYAML counts lines. */
    private static final Pattern YAML_LINE_BREAK = Pattern.compile("\r\n|[\r\n\u0085\u2028\u2029]");
    /** A plain scalar after a key, a dash or inside a flow collection. */
    private static final Pattern SCALAR = Pattern.compile("(?<=[:\\-\\[{,] )[^\\s,{}\\[\\]#]+");

    /** Problems about the file as a whole, which SnakeYAML does not locate. */
    private static final Pattern WHOLE_FILE =
            Pattern.compile("the spec is empty|YAML syntax error: Nesting Depth.*|the file is larger than .*");

    private static Path baseDir;

    @BeforeContainer
    static void writeReplayFile() throws IOException {
        baseDir = Files.createTempDirectory("headroom-fuzz");
        Files.writeString(baseDir.resolve("dinner.csv"), Specs.DINNER_CSV, StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void removeReplayFile() throws IOException {
        Files.deleteIfExists(baseDir.resolve("dinner.csv"));
        Files.deleteIfExists(baseDir);
    }

    @Property(tries = 5_000)
    void loader_returnsASpecOrThrowsSpecException_neverAnythingElse(
            @ForAll("specs") String spec,
            @ForAll("mutationLists") List<Mutation> mutations,
            @ForAll("overrideLists") List<String> overrides) {
        String text = spec;
        for (Mutation m : mutations) {
            text = m.apply(text);
        }
        Object outcome = loadOrProblems(text, overrides);

        if (outcome instanceof Spec s) {
            assertSane(s);
        } else {
            assertWellFormed((SpecException) outcome, text);
        }
    }

    private static Object loadOrProblems(String text, List<String> overrides) {
        try {
            return SpecLoader.parse("fuzz.yaml", text, overrides, baseDir);
        } catch (SpecException e) {
            return e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("the loader threw " + e, e);
        }
    }

    private static void assertWellFormed(SpecException e, String text) {
        assertThat(e.problems())
                .as("a SpecException lists at least one problem")
                .isNotEmpty();
        assertThat(e.format()).isNotBlank();
        String[] lines = YAML_LINE_BREAK.split(text, -1);
        for (Problem p : e.problems()) {
            assertThat(p.format()).isNotBlank();
            assertThat(p.rule()).isNotBlank();
            assertThat(p.fix()).as("fix of %s", p).isNotBlank();
            assertThat(p.rule()).as("a reader bug surfaced as %s", p).doesNotStartWith("could not read the spec");
            if (p.source().startsWith("--set ")) {
                String arg = p.source().substring("--set ".length());
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.sourceLine()).isEqualTo(arg);
                assertThat(p.column()).isBetween(1, arg.length() + 1);
            } else if (p.line() == 0) {
                assertThat(p.rule())
                        .as("only a whole-file problem has no line: %s", p)
                        .matches(WHOLE_FILE);
            } else {
                assertThat(p.source()).isEqualTo("fuzz.yaml");
                assertThat(p.line()).isLessThanOrEqualTo(lines.length);
                assertThat(p.column()).isPositive();
                String shown = p.sourceLine() == null ? "" : p.sourceLine();
                assertThat(shown).as("the line shown for %s", p).isEqualTo(lines[p.line() - 1]);
            }
        }
    }

    /** What the simulator relies on in an accepted spec. */
    private static void assertSane(Spec spec) {
        Profile profile = spec.workload().profile();
        assertThat(profile.scale()).isPositive().isFinite();
        assertThat(profile.durationSeconds()).isPositive().isFinite();
        assertThat(profile.peakRate()).isPositive().isLessThanOrEqualTo(Limits.RATE.max());
        assertThat(profile.scale()).isLessThanOrEqualTo(Limits.SCALE.max());
        assertThat(profile.durationSeconds()).isLessThanOrEqualTo(Limits.PROFILE_SECONDS.max());
        assertThat(spec.workload().classes()).isNotEmpty().hasSizeLessThanOrEqualTo((int) Limits.CLASSES.max());
        for (RequestClass c : spec.workload().classes()) {
            assertThat(c.weight()).isPositive().isFinite();
            assertSane(c.cpu());
            assertSane(c.db().cpu());
            assertThat(c.db().queries()).isNotNegative().isLessThanOrEqualTo((int) Limits.PER_REQUEST.max());
            assertThat(c.db().ioPerQuery()).isNotNegative();
        }
        assertThat(spec.architecture().client().timeoutNanos() / 1e9)
                .isPositive()
                .isLessThanOrEqualTo(Limits.TIMEOUT_SECONDS.max());
        assertThat(spec.architecture().client().retries()).isLessThanOrEqualTo((int) Limits.RETRIES.max());
        assertThat(spec.architecture().pool().instances()).isPositive().isLessThanOrEqualTo((int)
                Limits.INSTANCES.max());
        assertThat(spec.architecture().pool().cores()).isPositive().isLessThanOrEqualTo((int) Limits.CORES.max());
        spec.architecture().db().flatMap(db -> db.disk()).ifPresent(disk -> assertThat(disk.iops())
                .isPositive()
                .isLessThanOrEqualTo(Limits.IOPS.max()));
        spec.architecture().cache().ifPresent(cache -> assertThat(cache.hitRatio())
                .isBetween(0.0, 1.0));
    }

    private static void assertSane(Distribution d) {
        assertThat(d.meanNanos() / 1e9).isNotNegative().isLessThanOrEqualTo(Limits.SERVICE_SECONDS.max());
    }

    @Provide
    Arbitrary<String> specs() {
        return Arbitraries.of(Specs.SHOP, Specs.MINIMAL, Specs.SHAPES);
    }

    @Provide
    Arbitrary<List<Mutation>> mutationLists() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                        kinds(),
                        Arbitraries.integers().between(0, 100_000),
                        Arbitraries.integers().between(0, 100_000),
                        garbage())
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Mostly edits of one value, which keep the YAML valid and reach the validation behind it. */
    private static Arbitrary<Kind> kinds() {
        Arbitrary<Kind> structural = Arbitraries.of(Kind.class).filter(k -> k != Kind.REPLACE_SCALAR);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Kind.REPLACE_SCALAR)), Tuple.of(1, structural));
    }

    @Provide
    Arbitrary<List<String>> overrideLists() {
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of(
                        "architecture.pool.instances",
                        "architecture.pool",
                        "architecture.lb.routing",
                        "architecture.lb",
                        "architecture.db.disk",
                        "architecture.db.disk.iops",
                        "architecture.cache.hitRatio",
                        "architecture.client.timeout",
                        "architecture.client.retries",
                        "architecture.db.replicas",
                        "architecture.db.shards",
                        "architecture.db.connections",
                        "architecture.pool.workers",
                        "workload.profile.phases[2].constant.rate",
                        "workload.classes.browse.weight",
                        "workload.classes[0].cpu",
                        "workload.classes[1].db.queries",
                        "workload.classes[9].weight",
                        "workload.profile.scale",
                        "workload.profile.phases[0]",
                        "workload.profile",
                        "workload.arrivals",
                        "workload",
                        "seed",
                        "name.first",
                        "architecture..pool",
                        "architecture.pool.instnces",
                        "[0]",
                        ""),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> equals = Arbitraries.frequency(Tuple.of(18, "="), Tuple.of(1, ""), Tuple.of(1, "=="));
        Arbitrary<String> override =
                Combinators.combine(path, equals, garbage()).as((p, eq, v) -> p + eq + v);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(1, override.list().ofMinSize(1).ofMaxSize(3)));
    }

    /** Values a person (or a cat on the keyboard) might type where a scalar belongs. */
    private static Arbitrary<String> garbage() {
        Arbitrary<String> typed = Arbitraries.of(
                "30",
                "-5",
                "-5s",
                "0",
                "0s",
                "0/s",
                "0ms",
                "1e400/s",
                "1e308/s",
                "1e300/ms",
                "1e308",
                "1e308x",
                "1e308TiB",
                "1e308KiB",
                "1e308s",
                "-1e308",
                "1e6",
                "1e6x",
                "1000000",
                "10000001/s",
                "1e15/s",
                "2147483647",
                "9223372036854775807",
                "4.9e-324/s",
                "1e400",
                "1e-400",
                "1e400s",
                "NaN",
                "Infinity",
                "-1/s",
                "abc",
                "~",
                "null",
                "''",
                "\"\"",
                "[]",
                "{}",
                "[1, 2]",
                "{a: 1}",
                "&a x",
                "*a",
                "&a [*a]",
                "!!binary AAAA",
                "!!int x",
                "\"\\0\"",
                "99999999999999999999",
                "1_000/s",
                "80%",
                "150%",
                "1.5x",
                "-1.5x",
                "unlimited",
                "round-robin",
                "least-outstanding",
                "poisson",
                "12:30",
                "\"25:61\"",
                "1h",
                "1000d",
                "1000000d",
                "5ms",
                ".",
                "/",
                "../x.csv",
                "dinner.csv",
                "true",
                "0x1F",
                "1e3",
                "?",
                "|",
                ">",
                "%",
                "@",
                "`",
                "- x",
                ": x",
                "#",
                "{",
                "[",
                "}",
                "]",
                "\t",
                "\u2028",
                "\u0085",
                "\uFEFF",
                "{exponential: 5ms}",
                "{lognormal: {mean: 1ms, p99: 2ms}}",
                "{constant: {rate: 1/s, duration: 1s}}",
                "{iops: 0, latency: 1ms}",
                "[{constant: {rate: 1/s}}]");
        Arbitrary<String> number = Combinators.combine(
                        Arbitraries.doubles().between(-1e7, 1e7).ofScale(3),
                        Arbitraries.of("", "s", "ms", "us", "ns", "m", "h", "d", "/s", "/min", "/h", "x", "%"))
                .as((n, unit) -> String.format(Locale.ROOT, "%s%s", n, unit));
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(6);
        return Arbitraries.frequencyOf(Tuple.of(5, typed), Tuple.of(3, number), Tuple.of(1, unicode));
    }

    enum Kind {
        DELETE_LINE,
        DUPLICATE_LINE,
        SWAP_CHARS,
        REPLACE_SCALAR,
        INDENT,
        DEDENT,
        TRUNCATE,
        INSERT,
        NEST
    }

    /** One edit of a spec text; {@code where} and {@code other} are taken modulo what they index. */
    record Mutation(Kind kind, int where, int other, String garbage) {
        String apply(String text) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int line = where % lines.size();
            int at = text.isEmpty() ? 0 : where % text.length();
            return switch (kind) {
                case DELETE_LINE -> {
                    lines.remove(line);
                    yield String.join("\n", lines);
                }
                case DUPLICATE_LINE -> {
                    lines.add(other % lines.size(), lines.get(line));
                    yield String.join("\n", lines);
                }
                case SWAP_CHARS -> {
                    if (text.length() < 2) {
                        yield text;
                    }
                    int i = Math.min(at, text.length() - 2);
                    yield text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
                }
                case REPLACE_SCALAR -> replaceScalar(text);
                case INDENT -> {
                    lines.set(line, " ".repeat(1 + other % 4) + lines.get(line));
                    yield String.join("\n", lines);
                }
                case DEDENT -> {
                    lines.set(line, lines.get(line).stripLeading());
                    yield String.join("\n", lines);
                }
                case TRUNCATE -> text.substring(0, at);
                case INSERT -> text.substring(0, at) + garbage + text.substring(at);
                case NEST -> text.substring(0, at) + "[".repeat(other % 200) + text.substring(at);
            };
        }

        private String replaceScalar(String text) {
            List<int[]> spans = new ArrayList<>();
            Matcher m = SCALAR.matcher(text);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
            if (spans.isEmpty()) {
                return text;
            }
            int[] span = spans.get(where % spans.size());
            return text.substring(0, span[0]) + garbage + text.substring(span[1]);
        }
    }
}
