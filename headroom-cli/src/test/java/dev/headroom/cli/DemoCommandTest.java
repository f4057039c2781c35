package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom demo}, the README's main command, end to end with short steps. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demo_loadsTheShop_fitsCalibratesAndCleansUp_andSaysWhereEverythingIs() throws Exception {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--out", out.toString(), "--step", "5s");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.OK);
        assertThat(run.out())
                .contains("== 1. load the shop in steps of user journeys")
                .contains("== 2. fit the Universal Scalability Law")
                .contains("== 3. calibrate a model")
                .contains("cleanup     verified")
                .contains("verified: the synthetic orders are gone")
                .containsPattern("MODEL (AGREES|DIFFERS)")
                .contains("fit written to");
        Path measured = out.resolve("measured");
        for (String file : List.of("run.json", "timeline.jsonl", "findings.json", "usl.json", "report.html")) {
            assertThat(measured.resolve(file)).as(file).isNotEmptyFile();
        }
        JsonNode runJson =
                new ObjectMapper().readTree(measured.resolve("run.json").toFile());
        assertThat(runJson.at("/measurement/cleanup/status").asText()).isEqualTo("verified");
        // The journeys ran: both were started and completed, every step of them answered.
        for (String journey : List.of("browse", "buy")) {
            JsonNode j = runJson.at("/measurement/journeys/" + journey);
            assertThat(j.path("started").asLong()).as(journey + " started").isPositive();
            assertThat(j.path("completed").asLong()).as(journey + " completed").isPositive();
            assertThat(j.path("steps"))
                    .allSatisfy(step -> assertThat(step.path("completed").asLong())
                            .as(journey + "/" + step.path("name").asText())
                            .isPositive());
        }
        assertThat(runJson.at("/summary/classes").has("buy/checkout")).isTrue();
        assertThat(run.out()).containsPattern("journey +buy +[0-9,]+ started, [0-9,]+ completed");
        // The model's arrivals are requests: the journeys' rate scaled by the requests each sent.
        String model = Files.readString(out.resolve("model.yaml"));
        assertThat(model).contains("the run's arrivals started journeys").containsPattern("scale\\W+[0-9.]+");
        assertThat(model).contains("name: buy/checkout");
        assertThat(runJson.at("/goals/latencyMillis/p99").asDouble()).isEqualTo(250.0);
        // fit and calibrate render the report again with the fitted curve and the model check in it.
        assertThat(Files.readString(measured.resolve("report.html")))
                .contains("headroom-usl/1")
                .contains("headroom-calibration/1");
        // The timeline carries the shop's own metrics, scraped while it ran.
        assertThat(Files.readString(measured.resolve("timeline.jsonl"))).contains("\"shop_pool_active\"");
        // The calibrated model is a spec the simulator loads, judged by the same goals.
        assertThat(SpecLoader.load(out.resolve("model.yaml"), List.of()).goals().latencyMillis())
                .containsEntry("p99", 250.0);
    }
}
