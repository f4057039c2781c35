package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom load} as its own process, stopped as a user or the system would stop it: Ctrl-C
 * (SIGINT) stops arrivals, lets requests in flight finish and writes the result; SIGKILL half-way
 * still leaves a run directory whose timeline and interval logs hold the seconds measured.
 */
class LoadSignalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void ctrlC_stopsArrivals_finishesInFlight_andWritesTheResultAsInterrupted() throws Exception {
        Path out = dir.resolve("run");
        Process p = startLoad(out);
        try {
            awaitTimelineLines(out, 3, p);
            // A process started in the background of a script inherits SIGINT ignored, and the JVM
            // then leaves it ignored: there SIGTERM, which takes the same path, stands in for Ctrl-C.
            boolean intIgnored = sigintIgnored();
            new ProcessBuilder("kill", intIgnored ? "-TERM" : "-INT", Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after Ctrl-C").isTrue();
            assertThat(p.exitValue()).isEqualTo(intIgnored ? 143 : 130);

            JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
            assertThat(run.at("/measurement/status").asText()).isEqualTo("interrupted");
            double elapsed = run.at("/measurement/elapsedSeconds").asDouble();
            assertThat(elapsed).isGreaterThan(2.0).isLessThan(20.0);
            long requests = run.at("/summary/requests").asLong();
            assertThat(requests).isGreaterThan(100);
            // Requests in flight were given the grace period: nothing was left unfinished.
            assertThat(run.at("/summary/errors").has("unfinished"))
                    .as(run.toPrettyString() + Files.readString(dir.resolve("stderr.txt")))
                    .isFalse();
            assertThat(run.at("/summary/completed").asLong()).isEqualTo(requests);
            assertThat(Files.readString(dir.resolve("stdout.txt"))).contains("INTERRUPTED");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigkillHalfway_leavesTheSecondsMeasuredInTheRunDirectory() throws Exception {
        Path out = dir.resolve("run");
        Process p = startLoad(out);
        try {
            awaitTimelineLines(out, 3, p);
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
            assertThat(run.at("/measurement/status").asText()).isEqualTo("running");
            assertThat(run.at("/metadata/id").asText()).isNotBlank();
            List<JsonNode> timeline = new ArrayList<>();
            for (String line : Files.readAllLines(out.resolve("timeline.jsonl"))) {
                if (!line.isBlank()) {
                    timeline.add(JSON.readTree(line));
                }
            }
            assertThat(timeline).hasSizeGreaterThanOrEqualTo(3);
            long arrivals =
                    timeline.stream().mapToLong(r -> r.get("arrivals").asLong()).sum();
            assertThat(arrivals).isGreaterThan(100);
            try (var files = Files.list(out)) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.endsWith(".hlog"));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private Process startLoad(Path out) throws Exception {
        Path scenario = dir.resolve("load.yaml");
        Files.writeString(
                scenario,
                """
                name: signals
                target: http://127.0.0.1:%d
                workload:
                  profile: { constant: { rate: 100/s, duration: 60s } }
                requests: [ { path: / } ]
                client: { grace: 5s }
                """
                        .formatted(server.getAddress().getPort()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "load",
                        scenario.toString(),
                        "--out",
                        out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Whether this JVM, and so the process it starts, has SIGINT ignored (Linux's /proc says). */
    private static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /** Waits, at most 30 s, until the run has written {@code lines} timeline records. */
    private void awaitTimelineLines(Path out, int lines, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Path timeline = out.resolve("timeline.jsonl");
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("headroom load ended early: " + Files.readString(dir.resolve("stderr.txt")));
            }
            if (Files.exists(timeline) && Files.readAllLines(timeline).size() >= lines) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + lines + " timeline records within 30 s");
    }
}
