package dev.headroom.cli;

import dev.headroom.analysis.Findings;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.RunReadException;
import dev.headroom.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code headroom report RUN_DIR}: renders the run's report.html again, also for a run cut short. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write RUN_DIR/report.html: the run's verdict, findings with their evidence, charts over time,",
            "the numbers and the spec, in one file that opens in a browser without a network.",
            "A run cut short (no run.json, a measurement still running, a truncated timeline) is reported",
            "as partial, never as a pass."
        },
        footer = {"", "Example: headroom report runs/shop-018aa539-s20260101"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'simulate' or 'load'.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        RunReport.Written written;
        try {
            written = RunReport.write(dir);
        } catch (RunReadException e) {
            throw new BadInputException(e.getMessage());
        }
        PrintWriter out = command.commandLine().getOut();
        if (written.partial()) {
            out.println("partial run: " + written.partialReason() + "; reported as partial, not as a pass");
        }
        out.println("report: " + written.file());
        return Main.OK;
    }

    /**
     * After a run: writes its report.html and says where. A report that cannot be written is a
     * warning; the run itself is already safe on disk.
     */
    static void afterRun(Path dir, RunData data, Findings findings, PrintWriter out) {
        try {
            out.println("report: " + RunReport.write(dir, data, findings));
        } catch (IOException | RuntimeException e) {
            out.println("headroom: the run is saved in " + dir + ", but report.html could not be written: "
                    + e.getMessage());
        }
    }

    /** The same, for a run on disk: it is read back, and its findings.json used when it has one. */
    static void afterRun(Path dir, PrintWriter out, PrintWriter err) {
        try {
            out.println("report: " + RunReport.write(dir).file());
        } catch (RunReadException | IOException | RuntimeException e) {
            err.println("headroom: the run is saved in " + dir + ", but report.html could not be written: "
                    + e.getMessage());
        }
    }
}
