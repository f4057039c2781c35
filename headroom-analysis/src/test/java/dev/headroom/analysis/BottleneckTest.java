package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class BottleneckTest {
    @Test
    void creditsDrainThenDiskQueueThenConnectionsThenLatency_namesTheVolumeAndTheChainInOrder() {
        Findings f = Analysis.analyse(SyntheticRun.creditsChain());

        assertThat(f.verdict().outcome()).isEqualTo(Verdict.BROKEN);
        assertThat(f.verdict().firstBreachT()).isEqualTo(70.0);
        Bottleneck b = f.bottleneck();
        assertThat(b.component()).isEqualTo("db.disk");
        assertThat(b.signal()).isEqualTo("volume I/O credits exhausted");
        assertThat(b.t()).isEqualTo(50.3);
        assertThat(b.chain())
                .extracting(Link::component, Link::what, Link::t)
                .containsExactly(
                        tuple("db.disk", "volume I/O credits exhausted", 50.3),
                        tuple("db.disk", "IOPS capped at 300", 50.0),
                        tuple("db.disk", "disk busy 100%", 50.0),
                        tuple("db.disk", "queue grows", 54.0),
                        tuple("db.connections", "connections exhausted", 60.0),
                        tuple("db.connections", "queue grows", 62.0),
                        tuple("web", "workers all busy", 65.0),
                        tuple("run", "p99 over goal (500 ms)", 70.0));
        Link credits = b.chain().get(0);
        assertThat(credits.evidence()).isEqualTo(new Evidence("db.disk", "volumeCredits", 50.0, 0.0, "credits"));
        assertThat(b.chain().get(7).evidence()).isEqualTo(new Evidence("run", "latency p99", 70.0, 2000.0, "ms"));
    }

    @Test
    void signalsThatBeginAfterTheBreach_areFindingsOfTheirOwnNotLinks() {
        Findings f = Analysis.analyse(SyntheticRun.creditsChain());

        // The web queue holds 3 at 75 s, 6 at 76 s: it grows from 76 s, after the breach at 70 s.
        List<String> saturations = f.findings().stream()
                .filter(x -> x.kind().equals("saturation"))
                .map(x -> x.component() + " " + x.what())
                .toList();
        assertThat(saturations).containsExactly("web queue grows");
        assertThat(f.findings().get(0).t()).isEqualTo(76.0);
        assertThat(f.bottleneck().chain())
                .noneMatch(l -> l.component().equals("web") && l.what().equals("queue grows"));
    }

    @Test
    void aRunThatMeetsItsGoals_namesItsBusiestComponentWithoutAChain() {
        RunData data = SyntheticRun.steps();
        Findings f = Analysis.analyse(
                RunData.of(data.run().withGoals(SyntheticRun.p99(10_000)), data.timeline(), data.events()));

        assertThat(f.verdict().outcome()).isEqualTo(Verdict.MET);
        assertThat(f.verdict().firstBreachT()).isEqualTo(-1.0);
        assertThat(f.bottleneck()).isNull();
    }

    @Test
    void theSameRun_givesTheSameFindings() {
        assertThat(FindingsJson.text(Analysis.analyse(SyntheticRun.creditsChain())))
                .isEqualTo(FindingsJson.text(Analysis.analyse(SyntheticRun.creditsChain())));
    }
}
