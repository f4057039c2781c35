package dev.headroom.cli;

import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Compare;
import dev.headroom.analysis.Comparison;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.FindingsJson;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.RunReadException;
import dev.headroom.analysis.RunReader;
import dev.headroom.model.run.RunJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code headroom compare A B}: two runs side by side, simulated or measured in any pairing. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two runs side by side: verdicts, bottlenecks, latency percentiles,",
            "throughput, errors, cost and headroom, with the differences (B - A).",
            "Simulated against measured is the check of a model against reality."
        },
        footer = {"", "Example: headroom compare runs/shop-model runs/shop-measured"})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "RUN_DIR_A", description = "The first run directory.")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_DIR_B", description = "The second run directory.")
    Path b;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunData da = read(a);
        RunData db = read(b);
        Comparison c = Compare.compare(da, findings(da, a), db, findings(db, b));
        if (json) {
            command.commandLine().getOut().println(RunJson.pretty(c));
        } else {
            new ComparePrinter(command.commandLine().getOut(), Terminal.width()).print(c);
        }
        return Main.OK;
    }

    private static RunData read(Path dir) {
        try {
            return RunReader.read(dir);
        } catch (RunReadException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The run analysed afresh, with the headroom its findings.json records (a search cannot be redone here). */
    private static Findings findings(RunData data, Path dir) {
        Findings f = Analysis.analyse(data);
        Findings written = FindingsJson.read(dir);
        if (f.headroom() == null && written != null && written.headroom() != null) {
            f = f.withHeadroom(written.headroom());
        }
        return f;
    }
}
