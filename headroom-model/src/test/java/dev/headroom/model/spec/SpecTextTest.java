package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecTextTest {

    /** A small spec with comments everywhere; the emoji is two Java chars but one code point for SnakeYAML. */
    static final String TINY =
            """
            # A tiny shop \uD83D\uDE00 with one box
            name: tiny   # the name
            workload:
              profile: { constant: { rate: 100/s, duration: 5m } }
              classes:
                - name: home      # the front page \u2014 mostly cached
                  cpu: 5ms
                - name: search
                  cpu: { exponential: 8ms }
            architecture:
              pool: { instances: 1, workers: 10 }   # one small box \uD83D\uDCE6
              db:
                connections: 20
                cores: 2
                # the disk under it
                disk: { iops: 3000, latency: 1ms }

            # the end
            """;

    @Test
    void scalarInAFlowMapping_isReplacedInPlace() throws Exception {
        assertEdit(
                TINY,
                List.of("architecture.pool.workers=6"),
                "  pool: { instances: 1, workers: 10 }",
                "  pool: { instances: 1, workers: 6 }");
    }

    @Test
    void scalarInABlockMapping_isReplacedInPlace() throws Exception {
        assertEdit(TINY, List.of("architecture.db.connections=45"), "    connections: 20\n", "    connections: 45\n");
    }

    @Test
    void listItemByName_isReplacedInPlace() throws Exception {
        assertEdit(
                TINY,
                List.of("workload.classes.home.cpu={exponential: 7ms}"),
                "      cpu: 5ms\n",
                "      cpu: {exponential: 7ms}\n");
    }

    @Test
    void listItemByIndex_isReplacedWhole() throws Exception {
        assertEdit(
                TINY,
                List.of("workload.classes[1]={name: find, cpu: 9ms}"),
                "    - name: search\n      cpu: { exponential: 8ms }\n",
                "    - {name: find, cpu: 9ms}\n");
    }

    @Test
    void missingKeyInAFlowMapping_goesBeforeTheBrace() throws Exception {
        assertEdit(
                TINY,
                List.of("architecture.pool.acceptQueue=64"),
                "{ instances: 1, workers: 10 }",
                "{ instances: 1, workers: 10, acceptQueue: 64 }");
    }

    @Test
    void missingKeyInABlockMapping_isANewLineAfterItsLastEntry() throws Exception {
        assertEdit(
                TINY,
                List.of("architecture.db.replicas=2"),
                "    disk: { iops: 3000, latency: 1ms }\n",
                "    disk: { iops: 3000, latency: 1ms }\n    replicas: 2\n");
    }

    @Test
    void missingKeyInAListItem_takesTheIndentOfTheKeyAfterTheDash() throws Exception {
        assertEdit(
                TINY,
                List.of("workload.classes.search.weight=3"),
                "      cpu: { exponential: 8ms }\n",
                "      cpu: { exponential: 8ms }\n      weight: 3\n");
    }

    @Test
    void missingTopLevelKey_goesAfterTheLastLineOfTheSpec() throws Exception {
        assertEdit(
                TINY,
                List.of("seed=7"),
                "    disk: { iops: 3000, latency: 1ms }\n",
                "    disk: { iops: 3000, latency: 1ms }\nseed: 7\n");
    }

    @Test
    void missingSection_becomesNestedBlockLines() throws Exception {
        assertEdit(
                TINY,
                List.of("architecture.lb.routing=round-robin", "architecture.lb.backendLimit=8"),
                "    disk: { iops: 3000, latency: 1ms }\n",
                "    disk: { iops: 3000, latency: 1ms }\n  lb:\n    routing: round-robin\n    backendLimit: 8\n");
    }

    @Test
    void sectionsMissingTwoDeep_areBothCreated() throws Exception {
        String text = Specs.edit(TINY, "    disk: { iops: 3000, latency: 1ms }\n", "");
        assertEdit(
                text,
                List.of("architecture.db.disk.iops=2000", "architecture.db.disk.latency=2ms"),
                "    cores: 2\n    # the disk under it\n",
                "    cores: 2\n    disk:\n      iops: 2000\n      latency: 2ms\n    # the disk under it\n");
    }

    @Test
    void sectionWrittenEmpty_getsItsKeysOnTheLinesBelow() throws Exception {
        String text = Specs.edit(TINY, "  db:\n", "  lb:   # to be decided\n  db:\n");
        assertEdit(
                text,
                List.of("architecture.lb.routing=round-robin"),
                "  lb:   # to be decided\n",
                "  lb:   # to be decided\n    routing: round-robin\n");
    }

    @Test
    void sectionWrittenNull_losesTheTildeAndGetsItsKeysBelow() throws Exception {
        String text = Specs.edit(TINY, "  db:\n", "  lb: ~\n  db:\n");
        assertEdit(
                text, List.of("architecture.lb.routing=round-robin"), "  lb: ~\n", "  lb:\n    routing: round-robin\n");
    }

    @Test
    void blockMappingValue_isReplacedOnTheKeysLine() throws Exception {
        assertEdit(
                TINY,
                List.of("architecture.db={connections: 30, cores: 2, disk: {iops: 100, latency: 2ms}}"),
                "  db:\n    connections: 20\n    cores: 2\n    # the disk under it\n    disk: { iops: 3000, latency: 1ms }\n",
                "  db: {connections: 30, cores: 2, disk: {iops: 100, latency: 2ms}}\n");
    }

    @Test
    void flowMappingValue_isReplacedInPlace() throws Exception {
        assertEdit(
                TINY,
                List.of("architecture.db.disk={iops: 6000, latency: 2ms}"),
                "disk: { iops: 3000, latency: 1ms }",
                "disk: {iops: 6000, latency: 2ms}");
    }

    @Test
    void severalOverrides_landOneAfterAnother_andTheLastOfTheSamePathWins() throws Exception {
        List<String> overrides = List.of(
                "architecture.pool.workers=6", "architecture.pool.acceptQueue=32", "architecture.pool.workers=8");

        String out = SpecText.withOverrides("tiny.yaml", TINY, overrides);

        assertThat(out)
                .isEqualTo(Specs.edit(
                        TINY, "{ instances: 1, workers: 10 }", "{ instances: 1, workers: 8, acceptQueue: 32 }"));
        assertRoundTrips(TINY, Path.of("."), overrides.toArray(String[]::new));
    }

    @Test
    void windowsLineBreaks_areKeptInNewLines() throws Exception {
        String crlf = TINY.replace("\n", "\r\n");

        String out = SpecText.withOverrides("tiny.yaml", crlf, List.of("architecture.db.replicas=2", "seed=7"));

        assertThat(out)
                .isEqualTo(Specs.edit(
                        crlf,
                        "    disk: { iops: 3000, latency: 1ms }\r\n",
                        "    disk: { iops: 3000, latency: 1ms }\r\n    replicas: 2\r\nseed: 7\r\n"));
    }

    @Test
    void noOverrides_giveTheTextBack() throws Exception {
        assertThat(SpecText.withOverrides("tiny.yaml", TINY, List.of())).isEqualTo(TINY);
    }

    @Test
    void aValueItCannotPlace_rewritesTheWholeFileFromTheTree() throws Exception {
        String text = Specs.edit(TINY, "name: tiny   # the name\n", "name: tiny\ndescription: |\n  two\n  lines\n");

        String out = SpecText.withOverrides("tiny.yaml", text, List.of("description=one line"));

        assertThat(out).startsWith(SpecText.REWRITTEN_NOTE + "\n").doesNotContain("# the disk under it");
        assertThat(out).contains("description: one line\n").contains("    - name: search\n");
        assertRoundTrips(text, Path.of("."), "description=one line");
    }

    @Test
    void aValueThatBreaksTheFlowMapping_rewritesTheWholeFile() throws Exception {
        // A comment in the value is fine on a block line, but would swallow the rest of a flow mapping.
        String out = SpecText.withOverrides("tiny.yaml", TINY, List.of("architecture.pool.workers=3 # three"));

        assertThat(out).startsWith(SpecText.REWRITTEN_NOTE);
        assertRoundTrips(TINY, Path.of("."), "architecture.pool.workers=3 # three");
    }

    @Test
    void anAliasedValue_isNotEditedAtItsAnchor_butRewritten() throws Exception {
        // The alias is the anchored node itself, whose marks are at the anchor: editing there would change both.
        String text = Specs.edit(TINY, "    connections: 20\n", "    connections: *n\n")
                .replace("{ instances: 1, workers: 10 }", "{ instances: 1, workers: &n 10 }");

        String out = SpecText.withOverrides("tiny.yaml", text, List.of("architecture.db.connections=30"));

        assertThat(out).startsWith(SpecText.REWRITTEN_NOTE);
        assertThat(Specs.load(out).architecture().pool().workers())
                .isEqualTo(Specs.load(text).architecture().pool().workers());
        assertRoundTrips(text, Path.of("."), "architecture.db.connections=30");
    }

    @Test
    void aBadPath_throwsWhatTheLoaderThrows() {
        String bad = "architecture.pol.instances=3";

        SpecException ours = catchThrowableOfType(
                SpecException.class,
                () -> SpecText.withOverrides("tiny.yaml", TINY, List.of("architecture.pool.workers=2", bad)));
        SpecException loaders = catchThrowableOfType(
                SpecException.class,
                () -> SpecLoader.parse("tiny.yaml", TINY, List.of("architecture.pool.workers=2", bad), Path.of(".")));

        assertThat(ours.problems()).isNotEmpty().isEqualTo(loaders.problems());
        assertThat(ours.problems().get(0).rule()).contains("there is no 'pol'");
    }

    @Test
    void aValueThatIsNotYaml_throwsWhatTheLoaderThrows() {
        List<String> overrides = List.of("architecture.pool.workers=[1");

        SpecException ours =
                catchThrowableOfType(SpecException.class, () -> SpecText.withOverrides("tiny.yaml", TINY, overrides));
        SpecException loaders = catchThrowableOfType(
                SpecException.class, () -> SpecLoader.parse("tiny.yaml", TINY, overrides, Path.of(".")));

        assertThat(ours.problems()).isNotEmpty().isEqualTo(loaders.problems());
    }

    @Test
    void aFileThatIsNotYaml_throws() {
        assertThatThrownBy(() -> SpecText.withOverrides("bad.yaml", "a: [1\n", List.of("a=2")))
                .isInstanceOf(SpecException.class);
    }

    /** The round-trip checks compare Specs: equals must see a change deep in the tree, and only a change. */
    @Test
    void specEquality_seesDeepChanges() throws SpecException {
        assertThat(Specs.load(TINY)).isEqualTo(Specs.load(TINY));
        assertThat(Specs.load(TINY, "workload.classes.search.cpu={exponential: 9ms}"))
                .isNotEqualTo(Specs.load(TINY));
        assertThat(Specs.load(TINY, "architecture.db.disk.latency=2ms")).isNotEqualTo(Specs.load(TINY));
    }

    // The examples, each with overrides of every kind it allows; the property below mixes them.

    @Test
    void shop_scalarInFlowMapping_listItemByName_addedKeys_replacedMapping() throws Exception {
        Example shop = Example.SHOP;
        String out = shop.assertInPlace(
                "architecture.pool.instances=6",
                "architecture.pool.type=c5.xlarge",
                "workload.classes.browse.weight=3",
                "architecture.db.replicas=2",
                "architecture.db.volume={type: io1, size: 200GiB, iops: 6000}",
                "architecture.lb.backendLimit=32");

        assertThat(out).contains("  pool: { instances: 6, type: c5.xlarge, workers: 64, acceptQueue: 128 }\n");
        assertThat(out).contains("      weight: 3\n");
        assertThat(out).contains("    volume: {type: io1, size: 200GiB, iops: 6000}\n    replicas: 2\n");
        assertThat(out).contains("  lb: { routing: least-outstanding, backendLimit: 32 }\n");
    }

    @Test
    void goingCloud_createsTheCacheSection_andAddsToAFlowProfile() throws Exception {
        String out = Example.GOING_CLOUD.assertInPlace(
                "architecture.cache.hitRatio=0.5", "workload.profile.scale=1.2", "workload.classes[0].weight=2");

        assertThat(out).contains("    volume: { type: gp2, size: 100GiB }\n  cache:\n    hitRatio: 0.5\n");
        assertThat(out).contains("  profile: { constant: { rate: 800/s, duration: 80m }, scale: 1.2 }\n");
    }

    @Test
    void everyExample_takesItsOwnOverridesInPlace() throws Exception {
        for (Example example : Example.values()) {
            example.assertInPlace(example.overrides.toArray(String[]::new));
        }
    }

    /** The result loads to the same spec as the original with the overrides, and keeps every comment. */
    static void assertRoundTrips(String text, Path baseDir, String... overrides) throws SpecException {
        String out = SpecText.withOverrides("spec.yaml", text, List.of(overrides));
        Spec expected = SpecLoader.parse("spec.yaml", text, List.of(overrides), baseDir);
        assertThat(SpecLoader.parse("spec.yaml", out, List.of(), baseDir)).isEqualTo(expected);
    }

    private static void assertEdit(String text, List<String> overrides, String from, String to) throws Exception {
        String out = SpecText.withOverrides("tiny.yaml", text, overrides);

        assertThat(out).isEqualTo(Specs.edit(text, from, to));
        assertRoundTrips(text, Path.of("."), overrides.toArray(String[]::new));
    }

    /** The example files, read from the repository, with overrides each of them accepts. */
    enum Example {
        SHOP(
                "shop.yaml",
                "workload.classes.browse.weight=3",
                "workload.classes.checkout.db.io=1",
                "architecture.cache.hitRatio=0.5",
                "architecture.db.type=m5.2xlarge"),
        AD_FARM(
                "stories/ad-farm.yaml",
                "workload.classes.serve-ad.weight=80",
                "architecture.cache.memory=6GiB",
                "architecture.lb.queueLimit=512",
                "chaos.every=20m"),
        DOS_YOURSELF(
                "stories/dos-yourself.yaml",
                "workload.classes.order.db.rowsAdded=0",
                "architecture.db.bufferPool.size=16GiB",
                "workload.profile.daily.peaks.dinner.rate=800/s"),
        FLASH_SALE(
                "stories/flash-sale.yaml",
                "architecture.queue.kind=broker",
                "architecture.db.autoincLockMode=2",
                "architecture.pool.autoscaling.max=30",
                "architecture.pool.zones=[a, b, c]",
                "workload.profile.spike.peak=1800/s"),
        GOING_CLOUD(
                "stories/going-cloud.yaml",
                "architecture.db.volume={type: io1, size: 100GiB, iops: 2000}",
                "architecture.db.shards=3",
                "workload.classes.click.cpu={exponential: 4ms}"),
        SWAP_INSTANCES(
                "stories/swap-instances.yaml",
                "workload.classes.page.weight=2",
                "architecture.db.type=m5.xlarge",
                "workload.profile.steps.rates[4]=1800/s");

        /** Overrides every example accepts, on top of its own. */
        static final List<String> COMMON = List.of(
                "architecture.pool.instances=6",
                "architecture.pool.type=c5.xlarge",
                "architecture.pool.workers=80",
                "architecture.client.timeout=7s",
                "architecture.client.retries=1",
                "architecture.lb.routing=round-robin",
                "architecture.lb.backendLimit=40",
                "architecture.db.connections=120",
                "architecture.db.replicas=1",
                "workload.classes[0].weight=3",
                "goals.p99=400ms",
                "goals.errors=2%",
                "seed=7",
                "description=A what-if",
                "workload.profile.scale=1.2");

        final Path file;
        final List<String> overrides;

        Example(String file, String... own) {
            this.file = Path.of("../examples").resolve(file);
            this.overrides = List.of(own);
        }

        String text() {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + file.toAbsolutePath(), e);
            }
        }

        List<String> all() {
            return java.util.stream.Stream.concat(overrides.stream(), COMMON.stream())
                    .toList();
        }

        /** Applies the overrides, checks the text was edited in place and round-trips; returns the text. */
        String assertInPlace(String... overrides) throws SpecException {
            String text = text();
            String out = SpecText.withOverrides(file.toString(), text, List.of(overrides));
            assertThat(out).as("%s %s", file, List.of(overrides)).doesNotStartWith(SpecText.REWRITTEN_NOTE);
            assertThat(commentLines(out)).as("comments of %s", file).isEqualTo(commentLines(text));
            Spec expected = SpecLoader.parse(file.toString(), text, List.of(overrides), YamlDocument.baseDirOf(file));
            assertThat(SpecLoader.parse(file.toString(), out, List.of(), YamlDocument.baseDirOf(file)))
                    .as("%s %s", file, List.of(overrides))
                    .isEqualTo(expected);
            return out;
        }

        static List<String> commentLines(String text) {
            return text.lines()
                    .filter(l -> l.contains("#"))
                    .map(l -> l.substring(l.indexOf('#')))
                    .toList();
        }
    }
}
