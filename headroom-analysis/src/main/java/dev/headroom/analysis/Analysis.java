package dev.headroom.analysis;

import java.util.List;

/** Turns a run, simulated or measured, into findings a person can act on. */
public final class Analysis {
    private Analysis() {}

    /** The findings of one run. Deterministic: the same run gives the same findings. */
    public static Findings analyse(RunData data) {
        Verdict verdict = SloJudge.judge(data);
        return new Findings(
                Findings.FORMAT, data.runId(), data.kind(), data.partial(), verdict, null, null, null, null, List.of());
    }
}
