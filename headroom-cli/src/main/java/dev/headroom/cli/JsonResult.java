package dev.headroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.analysis.Findings;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunJson;

/**
 * What {@code --json} prints for a run: the answer first, then the figures. {@code verdict} is the
 * findings' outcome ({@code met}, {@code broken}, {@code partial}, {@code invalid}, {@code no-goals};
 * {@code unknown} when the run could not be analysed), {@code exitCode} the command's exit code and
 * {@code passed} whether it is 0; {@code goalResults} the goals as judged (figure over the whole
 * run, intervals broken, the first breach), {@code firstBreachSeconds} when one broke,
 * {@code headroom} and {@code bottleneck} as the findings name them (absent when there is none);
 * then the run's own fields as in run.json (metadata, summary, measurement, and {@code goals}: the
 * bounds it was held to).
 */
final class JsonResult {
    private JsonResult() {}

    static String of(Run run, Findings findings, int exitCode) {
        ObjectMapper mapper = RunJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("verdict", findings == null ? "unknown" : findings.verdict().outcome());
        root.put("exitCode", exitCode);
        root.put("passed", exitCode == Main.OK);
        if (findings != null) {
            root.set("goalResults", mapper.valueToTree(findings.verdict().goals()));
            if (findings.verdict().firstBreachT() >= 0) {
                root.put("firstBreachSeconds", findings.verdict().firstBreachT());
            }
            if (findings.headroom() != null) {
                root.set("headroom", mapper.valueToTree(findings.headroom()));
            }
            if (findings.bottleneck() != null) {
                root.set("bottleneck", mapper.valueToTree(findings.bottleneck()));
            }
        }
        root.setAll((ObjectNode) mapper.valueToTree(run));
        return RunJson.pretty(root);
    }
}
