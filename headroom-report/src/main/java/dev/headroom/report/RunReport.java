package dev.headroom.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.RunReadException;
import dev.headroom.analysis.RunReader;
import dev.headroom.model.run.RunDirectory;
import dev.headroom.model.run.RunJson;
import dev.headroom.report.html.HtmlReport;
import dev.headroom.report.html.ReportData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * report.html for a run directory: the run as {@link RunReader} reads it (a run cut short is shown
 * as partial), the findings the run wrote ({@value #FINDINGS_FILE}, which carries the headroom
 * search a simulation ran) or, when there are none, the analysis of the run as it stands, and the
 * spec copied beside it.
 */
public final class RunReport {
    public static final String FINDINGS_FILE = "findings.json";

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
        Path file = HtmlReport.write(ReportData.of(data, findings(dir, data), spec(dir)), dir);
        return new Written(file, data.partial() ? data.partialReason() : null);
    }

    /** Writes {@code dir/report.html} for a run already read and analysed. */
    public static Path write(Path dir, RunData data, Findings findings) throws IOException {
        return HtmlReport.write(ReportData.of(data, findings, spec(dir)), dir);
    }

    private static Findings findings(Path dir, RunData data) throws IOException {
        Path file = dir.resolve(FINDINGS_FILE);
        if (Files.exists(file)) {
            try {
                Findings written = RunJson.mapper().readValue(file.toFile(), Findings.class);
                // Kept only if they describe the run as it now stands (not written before it was cut short).
                if (Findings.FORMAT.equals(written.format()) && written.partial() == data.partial()) {
                    return written;
                }
            } catch (JsonProcessingException e) {
                // Another version's findings, or a damaged file: the analysis below stands in for them.
            }
        }
        return Analysis.analyse(data);
    }

    private static String spec(Path dir) throws IOException {
        Path file = dir.resolve(RunDirectory.SPEC_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
}
