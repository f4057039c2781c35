package dev.headroom.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run amounts to, for a person: the verdict on its goals, the bottleneck and its causal
 * chain, the headroom, the knee, the operational laws and other findings, each with its evidence.
 * Written as {@code findings.json} beside {@code run.json}; the format is described in
 * {@code docs/findings.md}. Parts that do not apply are null and not written. Deterministic: the
 * same run gives the same bytes.
 */
public record Findings(
        String format,
        String runId,
        String runKind,
        boolean partial,
        Verdict verdict,
        @JsonInclude(JsonInclude.Include.NON_NULL) Bottleneck bottleneck,
        @JsonInclude(JsonInclude.Include.NON_NULL) Headroom headroom,
        @JsonInclude(JsonInclude.Include.NON_NULL) Knee knee,
        @JsonInclude(JsonInclude.Include.NON_NULL) OperationalLaws laws,
        List<Finding> findings) {
    public static final String FORMAT = "headroom-findings/1";

    public Findings {
        findings = List.copyOf(findings);
    }

    /** The same findings with a headroom figure (found by a search the analysis cannot run itself). */
    /**
     * The same findings with one more note, first: what a command adds (a default that sets the
     * bound, a search it skipped) is about the answer itself.
     */
    public Findings withFinding(Finding f) {
        List<Finding> more = new ArrayList<>();
        more.add(f);
        more.addAll(findings);
        return new Findings(format, runId, runKind, partial, verdict, bottleneck, headroom, knee, laws, more);
    }

    public Findings withHeadroom(Headroom h) {
        return new Findings(format, runId, runKind, partial, verdict, bottleneck, h, knee, laws, findings);
    }
}
