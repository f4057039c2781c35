package dev.headroom.report;

import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.FindingsJson;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.RunReadException;
import dev.headroom.analysis.RunReader;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.report.html.HtmlReport;
import dev.headroom.report.html.ReportData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * report.html for a run directory: the run as {@link RunReader} reads it (a run cut short is shown
 * as partial), the findings the run wrote ({@code findings.json}, which carries the headroom
 * search a simulation ran) or, when there are none, the analysis of the run as it stands, and the
 * spec copied beside it.
 */
public final class RunReport {
    private RunReport() {}

    /** Where a report went, and why the run it shows is partial (null when it is complete). */
    public record Written(Path file, String partialReason) {
        public boolean partial() {
            return partialReason != null;
        }
    }

    /** Reads the run in {@code dir} and writes {@code dir/report.html}. */
    public static Written write(Path dir) throws RunReadException, IOException {
        RunData data = RunReader.read(dir);
        Path file = HtmlReport.write(extras(dir, ReportData.of(data, findings(dir, data), spec(dir))), dir);
        return new Written(file, data.partial() ? data.partialReason() : null);
    }

    /** Writes {@code dir/report.html} for a run already read and analysed. */
    public static Path write(Path dir, RunData data, Findings findings) throws IOException {
        return HtmlReport.write(extras(dir, ReportData.of(data, findings, spec(dir))), dir);
    }

    /** The USL fit and the calibration written beside the run, when they are there and readable. */
    private static ReportData extras(Path dir, ReportData data) {
        return data.withFitAndCalibration(json(dir.resolve("usl.json")), json(dir.resolve("calibration.json")));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try {
            return dev.headroom.model.run.RunJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static Findings findings(Path dir, RunData data) {
        Findings written = FindingsJson.read(dir);
        // Kept only if they describe this run as it now stands (not another run's, not written before it was cut
        // short).
        if (written != null && written.partial() == data.partial() && Objects.equals(written.runId(), data.runId())) {
            return written;
        }
        return Analysis.analyse(data);
    }

    private static String spec(Path dir) throws IOException {
        Path file = dir.resolve(RunDirectory.SPEC_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
}
