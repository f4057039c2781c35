package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.RunSummary;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** What CI servers read: JUnit XML, the verdict in --json, and one table of exit codes. */
@Timeout(120)
class CiOutputTest {
    /** 200/s on one core of 4 ms each: 80% busy, so a p99 of 5 ms cannot hold, while errors can. */
    private static final String SPEC =
            """
            name: ci <shop> & "co"
            workload:
              profile: { constant: { rate: 200/s, duration: 20s } }
              classes:
                - name: read
                  cpu: { exponential: 4ms }
            architecture:
              lb: { routing: round-robin }
              pool: { instances: 1, cores: 1, workers: 64 }
            goals: { p99: 5ms, errors: 1% }
            """;

    @TempDir
    Path dir;

    @Test
    void simulate_junit_hasOneCasePerGoal_theMissedOneFailedWithItsFigure() throws Exception {
        Path spec = Files.writeString(dir.resolve("ci.yaml"), SPEC);
        Path junit = dir.resolve("report.xml");
        CliRun run = CliRun.of(
                "simulate", spec.toString(), "--out", dir.resolve("run").toString(), "--junit", junit.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.FAILED);
        Document xml = parse(Files.readString(junit));
        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("2");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        assertThat(suites.getAttribute("errors")).isEqualTo("0");
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        // The name, with its markup characters, survives as text.
        assertThat(suite.getAttribute("name")).isEqualTo("headroom simulation ci <shop> & \"co\"");
        List<Element> cases = elements(xml.getElementsByTagName("testcase"));
        assertThat(cases)
                .extracting(c -> c.getAttribute("name"))
                .containsExactly("goal p99 <= 5 ms", "goal errors <= 1 %");
        Element p99 = cases.get(0);
        assertThat(p99.getAttribute("classname")).isEqualTo("headroom.simulate.ci_shop_co_.goals");
        Element failure = (Element) p99.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .startsWith("p99 over the whole run ")
                .contains("(bound 5 ms)");
        assertThat(observed(p99)).isGreaterThan(5.0);
        assertThat(cases.get(1).getElementsByTagName("failure").getLength()).isZero();
        assertThat(observed(cases.get(1))).isZero();
    }

    @Test
    void simulate_json_startsWithTheVerdict_theGoalsAsJudged_andTheBottleneck() throws Exception {
        Path spec = Files.writeString(dir.resolve("ci.yaml"), SPEC);
        CliRun run = CliRun.of(
                "simulate", spec.toString(), "--out", dir.resolve("run").toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.fieldNames().next()).isEqualTo("verdict");
        assertThat(json.path("verdict").asText()).isEqualTo("broken");
        assertThat(json.path("exitCode").asInt()).isEqualTo(1);
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("goalResults").get(0).path("goal").asText()).isEqualTo("p99");
        assertThat(json.path("goalResults").get(0).path("met").asBoolean()).isFalse();
        assertThat(json.path("firstBreachSeconds").isNumber()).isTrue();
        assertThat(json.path("bottleneck").path("component").asText()).isEqualTo("web.cpu");
        // The figures are still there, where they were.
        assertThat(json.path("summary").path("requests").asLong()).isPositive();
        assertThat(json.path("metadata").path("kind").asText()).isEqualTo("simulation");
    }

    @Test
    void load_junit_hasItsThresholdsAndLagLimit_andJsonItsVerdict() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path scenario = Files.writeString(
                    dir.resolve("load.yaml"),
                    """
                    name: ci-load
                    target: http://127.0.0.1:%d
                    workload:
                      profile: { constant: { rate: 50/s, duration: 1s } }
                    requests: [ { path: / } ]
                    thresholds: [ "errors < 1%%", "throughput > 100000/s" ]
                    client: { lagLimit: 10s }
                    """
                            .formatted(server.getAddress().getPort()));
            Path junit = dir.resolve("load.xml");
            CliRun run = CliRun.of(
                    "load",
                    scenario.toString(),
                    "--out",
                    dir.resolve("r").toString(),
                    "--junit",
                    junit.toString(),
                    "--json");

            assertThat(run.exitCode()).isEqualTo(Main.FAILED);
            List<Element> cases = elements(parse(Files.readString(junit)).getElementsByTagName("testcase"));
            assertThat(cases)
                    .extracting(c -> c.getAttribute("classname") + " " + c.getAttribute("name"))
                    .containsExactly(
                            "headroom.load.ci-load.threshold errors < 1%",
                            "headroom.load.ci-load.threshold throughput > 100000/s",
                            "headroom.load.ci-load.lag-limit lag.p99 <= 10000.0ms");
            assertThat(cases.get(0).getElementsByTagName("failure").getLength()).isZero();
            assertThat(((Element) cases.get(1).getElementsByTagName("failure").item(0)).getAttribute("message"))
                    .startsWith("throughput > 100000/s: observed ");
            assertThat(cases.get(2).getElementsByTagName("failure").getLength()).isZero();

            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.path("exitCode").asInt()).isEqualTo(1);
            assertThat(json.path("verdict").asText()).isEqualTo("met");
            assertThat(json.path("measurement").path("verdicts").size()).isEqualTo(3);
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** A measurement whose generator broke its lag limit: its other rules are errors, neither passed nor failed. */
    @Test
    void anInvalidMeasurement_makesItsRulesErrors_butItsLagLimitAFailure() throws Exception {
        List<Measurement.Verdict> verdicts = new ArrayList<>();
        verdicts.add(new Measurement.Verdict("threshold", "p99 < 250ms", true, 12.0, "ms", 30));
        verdicts.add(
                new Measurement.Verdict(Measurement.Verdict.LAG_LIMIT, "lag.p99 <= 50.0ms", false, 80.0, "ms", 30));
        Measurement m = new Measurement(
                "completed",
                "2026-12-02T00:00:00Z",
                30,
                List.of("http://127.0.0.1:1"),
                "X-Headroom-Run",
                "r1",
                "open",
                "epoll",
                1,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                verdicts,
                null);
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "measurement",
                "r1",
                "lagging",
                "test",
                1,
                "x.yaml",
                "d",
                List.of(),
                "poisson",
                30,
                10);
        RunSummary summary =
                new RunSummary(30, 300, 300, 10, 0, 0, Map.of(), LatencySummary.EMPTY, Map.of(), Map.of(), null);
        Run run = new Run(meta, summary, m);

        Document xml = parse(JunitReport.xml(run, 30, JunitReport.ofMeasurement(run)));
        assertThat(xml.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        List<Element> cases = elements(xml.getElementsByTagName("testcase"));
        assertThat(((Element) cases.get(0).getElementsByTagName("error").item(0)).getAttribute("message"))
                .startsWith("measurement invalid");
        assertThat(cases.get(1).getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void everyCommandThatJudges_listsTheSameExitCodes_inItsHelp() {
        for (String command : List.of("simulate", "load", "plan", "spof")) {
            String help = CliRun.of(command, "--help").out();
            assertThat(help).as(command).contains("Exit codes:");
            assertThat(help).as(command).containsPattern("(?m)^  2 +bad input");
            assertThat(help).as(command).containsPattern("(?m)^  70 +an internal error");
            assertThat(help).as(command).containsPattern("(?m)^  130 +interrupted");
        }
        assertThat(CliRun.of("load", "--help").out()).containsPattern("(?m)^  3 +MEASUREMENT INVALID");
        assertThat(CliRun.of("simulate", "--help").out()).doesNotContain("MEASUREMENT INVALID");
    }

    private static double observed(Element testcase) {
        for (Element p : elements(testcase.getElementsByTagName("property"))) {
            if (p.getAttribute("name").equals("observed")) {
                return Double.parseDouble(p.getAttribute("value"));
            }
        }
        throw new AssertionError("no observed property");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
