package dev.headroom.report.html;

import dev.headroom.model.run.RunJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * report.html: one self-contained file. The page template, its style and script (this package's
 * resources) and uPlot (from its webjar on the classpath) are inlined, and the run goes in as one
 * JSON block ({@link ReportData}) that the page script renders with text nodes only. Opening the
 * file needs no network.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z-]+)\\}\\}");

    private HtmlReport() {}

    /** Writes report.html into {@code dir} and returns its path. */
    public static Path write(ReportData data, Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, render(data), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    public static String render(ReportData data) {
        String name = data.metadata() != null ? data.metadata().name() : "partial run in " + data.source();
        Map<String, String> slots = Map.of(
                "title", Escape.html("headroom: " + name),
                "uplot-css", resource(UPLOT + "uPlot.min.css"),
                "report-css", resource("dev/headroom/report/html/report.css"),
                "uplot-js", resource(UPLOT + "uPlot.iife.min.js"),
                "report-js", resource("dev/headroom/report/html/report.js"),
                "data", dataBlock(data));
        // One pass over the template: text put into a slot is never searched for slots again.
        Matcher m = SLOT.matcher(resource("dev/headroom/report/html/report.html"));
        StringBuilder out = new StringBuilder(256 * 1024);
        while (m.find()) {
            String value = slots.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("report.html template: unknown slot " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The JSON block as it sits in the page, between its script tags. */
    public static String dataBlock(ReportData data) {
        return Escape.jsonInScript(RunJson.line(data));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
