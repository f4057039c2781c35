package dev.headroom.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.model.run.RunJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final String GOLDEN = "dev/headroom/report/html/synthetic-data.json";
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"headroom-data\">(.*?)</script>", Pattern.DOTALL);

    /**
     * Seals the machine-readable part of report.html. To accept a deliberate change, run with
     * {@code -Dheadroom.updateGolden=true} and review the diff of the file under src/test/resources.
     */
    @Test
    void dataBlock_ofTheSyntheticRun_matchesTheGoldenFileByteForByte() throws IOException {
        String block = HtmlReport.dataBlock(ReportFixtures.synthetic());
        if (Boolean.getBoolean("headroom.updateGolden")) {
            Files.writeString(Path.of("src/test/resources", GOLDEN), block, StandardCharsets.UTF_8);
        }
        assertThat(block).isEqualTo(golden());
    }

    @Test
    void dataBlock_isTheOneJsonBlockInThePage_andParsesBackToTheData() throws IOException {
        ReportData data = ReportFixtures.synthetic();
        String html = HtmlReport.render(data);
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        String block = m.group(1);
        assertThat(block).isEqualTo(HtmlReport.dataBlock(data));
        assertThat(m.find()).as("a second data block").isFalse();
        JsonNode parsed = RunJson.mapper().readTree(block);
        assertThat(parsed).isEqualTo(RunJson.mapper().readTree(RunJson.line(data)));
        assertThat(parsed.path("metadata").path("name").asText()).isEqualTo(SyntheticRun.NAME);
        assertThat(parsed.path("spec").asText()).isEqualTo(SyntheticRun.SPEC);
    }

    @Test
    void markupAndQuotesFromTheRun_neverReachThePageAsMarkup() {
        String html = HtmlReport.render(ReportFixtures.synthetic());
        assertThat(html)
                .contains("<title>headroom: story-1 &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp;"
                        + " &#39;single&#39;</title>")
                .doesNotContain("<script>alert(")
                .doesNotContain("</script><script>alert(2)")
                .doesNotContain("<b>")
                .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)");
        // Exactly our three scripts open and close, whatever the run's strings held.
        assertThat(count(html, "<script")).isEqualTo(3);
        assertThat(count(html, "</script>")).isEqualTo(3);
    }

    @Test
    void jsonInScript_escapesWhatCouldEndTheBlock_andKeepsTheValue() throws IOException {
        String json = RunJson.line(java.util.Map.of("s", "</script><!-- & \u2028\u2029 >"));
        String escaped = Escape.jsonInScript(json);
        assertThat(escaped).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        assertThat(RunJson.mapper().readTree(escaped))
                .isEqualTo(RunJson.mapper().readTree(json));
    }

    @Test
    void page_isSelfContained_uplotInlined_noUrlToFetch() {
        String html = HtmlReport.render(ReportFixtures.synthetic());
        assertThat(html).contains("var uPlot").contains(".uplot");
        assertThat(html).doesNotContain("<script src", "<link", "@import", "url(http");
        assertThat(html).doesNotContainPattern("\\{\\{[a-z-]+\\}\\}");
    }

    @Test
    void write_putsReportHtmlInTheRunDirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = HtmlReport.write(ReportFixtures.synthetic(), dir);
        assertThat(file).isEqualTo(dir.resolve("report.html"));
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>");
        assertThat(dir.resolve("report.html.tmp")).doesNotExist();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Read from the source tree (the test runs in the module directory), so an update is checked at once. */
    private static String golden() throws IOException {
        Path file = Path.of("src/test/resources", GOLDEN);
        assertThat(file)
                .as("run once with -Dheadroom.updateGolden=true to create it")
                .exists();
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
