package dev.headroom.cli;

import dev.headroom.demo.DemoShop;
import dev.headroom.demo.ShopConfig;
import dev.headroom.model.run.CleanupResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code headroom demo}: the whole loop on one machine. Starts the demo shop with its embedded
 * database on loopback, load-tests it in steps of user journeys (browsing, and buying: log in,
 * basket, checkout) with its metrics scraped (the analysis finds the knee and names the bottleneck), fits the USL, calibrates a simulator spec from the measurement
 * and compares the model with it, cleans up the synthetic orders and proves it, and says where the
 * report is. Each step is the same command a user would run by hand, printed as it runs.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run Headroom end to end on the bundled demo shop: start it on 127.0.0.1 with an embedded H2"
                    + " database, load it in steps from 20 to 240 user journeys a second (browse, or log in, fill"
                    + " a basket and check out; examples/demo/journeys.yaml) with its metrics scraped, name the"
                    + " knee and the bottleneck, fit the Universal Scalability Law, calibrate a model from the measurement"
                    + " and compare the two, clean up the synthetic orders and prove it, and write the HTML report."
                    + " About two minutes; nothing leaves this machine.",
            "Exit code: 0 done; 1 a step failed (the cleanup could not be verified, the model could not be"
                    + " calibrated); 2 the shop could not start."
        })
final class DemoCommand implements Callable<Integer> {
    /** The scenario, bundled from examples/demo/journeys.yaml. */
    static final String SCENARIO_RESOURCE = "/dev/headroom/cli/demo/journeys.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Directory for the demo's runs (default: runs/demo-<date-time>).")
    Path out;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            description = "How long each step of load lasts (default: the scenario's 10s).")
    String step;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        Path dir = out != null
                ? out
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Path scenario = dir.resolve("journeys.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream(SCENARIO_RESOURCE)) {
            if (in == null) {
                throw new IOException("the bundled scenario " + SCENARIO_RESOURCE + " is missing from the jar");
            }
            Files.copy(in, scenario, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        DemoShop shop;
        try {
            shop = DemoShop.start(ShopConfig.defaults().withH2("demo", 0).withPort(0));
        } catch (IOException | SQLException e) {
            throw new BadInputException("headroom demo: the shop could not start (" + e.getMessage() + ")");
        }
        try (shop) {
            String base = shop.url().toString();
            banner(stdout, "the demo shop is up at " + base + " (H2 in memory, a pool of 4 connections)");
            Path measured = dir.resolve("measured");
            List<String> load = new ArrayList<>(List.of(
                    "load",
                    scenario.toString(),
                    "--target",
                    base,
                    "--set",
                    "metrics[0]=" + shop.metricsUrl(),
                    "--set",
                    "cleanup.http.url=" + base + "/internal/runs/${run}",
                    "--set",
                    "cleanup.database.url=" + shop.jdbcUrl(),
                    "--out",
                    measured.toString()));
            if (step != null) {
                load.addAll(List.of("--set", "workload.profile.steps.each=" + step));
            }
            int loadCode = step(stdout, stderr, "1. load the shop in steps of user journeys (headroom load)", load);
            if (loadCode == Main.BAD_INPUT || !Files.exists(measured.resolve("run.json"))) {
                stderr.println("headroom demo: the load test did not run; stopping");
                return Main.FAILED;
            }
            com.fasterxml.jackson.databind.JsonNode runJson = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(measured.resolve("run.json").toFile());
            boolean cleaned = runJson.at("/measurement/cleanup/status").asText().equals(CleanupResult.VERIFIED);
            int fitCode = step(
                    stdout,
                    stderr,
                    "2. fit the Universal Scalability Law (headroom fit)",
                    List.of("fit", measured.toString()));
            Path spec = dir.resolve("model.yaml");
            int calibrateCode = step(
                    stdout,
                    stderr,
                    "3. calibrate a model from the measurement and compare (headroom calibrate)",
                    List.of("calibrate", measured.toString(), "--spec", spec.toString()));
            banner(stdout, "done");
            stdout.println("  measured run   " + measured + "  (run.json, timeline.jsonl, findings.json, usl.json)");
            stdout.println("  report         " + measured.resolve("report.html"));
            stdout.println("  model          " + spec + "  (try: headroom simulate " + spec + ")");
            runJson.at("/measurement/journeys")
                    .fields()
                    .forEachRemaining(j -> stdout.printf(
                            java.util.Locale.US,
                            "  journey        %-7s %,d started, %,d completed, %,d abandoned%n",
                            j.getKey(),
                            j.getValue().path("started").asLong(),
                            j.getValue().path("completed").asLong(),
                            j.getValue().path("abandoned").asLong()));
            stdout.println(
                    "  cleanup        " + (cleaned ? "verified: the synthetic orders are gone" : "NOT VERIFIED"));
            stdout.flush();
            return cleaned && fitCode != Main.BAD_INPUT && calibrateCode != Main.BAD_INPUT ? Main.OK : Main.FAILED;
        }
    }

    private static int step(PrintWriter out, PrintWriter err, String title, List<String> args) {
        banner(out, title);
        out.println("$ headroom " + String.join(" ", args));
        out.flush();
        int code = Main.execute(args.toArray(String[]::new), out, err);
        out.flush();
        err.flush();
        return code;
    }

    private static void banner(PrintWriter out, String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }
}
