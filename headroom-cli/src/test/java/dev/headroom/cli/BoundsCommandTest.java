package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.headroom.model.spec.Limits;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absurd numbers and empty profiles end every command at once with exit 2, and a simulation the
 * machine cannot finish is refused before it starts, with its estimate and the way to shorten it.
 */
@Timeout(30)
class BoundsCommandTest {
    private static final String SPEC =
            """
            name: bounds
            workload:
              profile: { constant: { rate: 100/s, duration: 10m } }
              classes: [ { name: a, cpu: { exponential: 2ms } } ]
            architecture:
              client: { timeout: 10s }
              lb: { routing: round-robin }
              pool: { instances: 2, cores: 1 }
            """;

    @TempDir
    Path dir;

    private Path spec(String from, String to) throws Exception {
        Path p = dir.resolve("bounds.yaml");
        Files.writeString(p, SPEC.replace(from, to));
        return p;
    }

    private CliRun simulate(Path spec, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "simulate",
                spec.toString(),
                "--headroom",
                "off",
                "--out",
                dir.resolve("run").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void simulate_rateOf1e308_exits2AtOnce_withTheLocatedValue() throws Exception {
        CliRun run = simulate(spec("rate: 100/s", "rate: 1e308/s"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bounds.yaml:3:").contains("'1e308/s'").contains("the number is too large");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void simulate_aMillionInstancesOrAScaleOfAMillion_exit2() throws Exception {
        Path spec = spec("", "");

        CliRun instances = simulate(spec, "--set", "architecture.pool.instances=1000000");
        CliRun scale = simulate(spec, "--set", "workload.profile.scale=1e6");

        assertThat(instances.exitCode()).isEqualTo(2);
        assertThat(instances.err()).contains("must be at most 10,000");
        assertThat(scale.exitCode()).isEqualTo(2);
        assertThat(scale.err()).contains("must be at most 1000x");
    }

    @Test
    void simulate_aProfileOfZeroRates_exits2_sayingItSendsNothing() throws Exception {
        CliRun run = simulate(spec("rate: 100/s", "rate: 0/s"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the profile sends nothing");
        assertThat(run.out()).doesNotContain("GOALS MISSED").doesNotContain("no headroom");
    }

    @Test
    void profile_rateOf1e308_orZeroRates_exit2_andNeverPrintsInfinity() throws Exception {
        CliRun huge = CliRun.of("profile", spec("rate: 100/s", "rate: 1e308/s").toString());
        CliRun zero = CliRun.of("profile", spec("rate: 100/s", "rate: 0/s").toString());

        assertThat(huge.exitCode()).isEqualTo(2);
        assertThat(huge.out()).doesNotContain("Infinity").doesNotContain("NaN");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("the profile sends nothing");
    }

    @Test
    @Timeout(10)
    void profile_ofNearlyTheLongestProfile_isPrintedFast() throws Exception {
        Path p = dir.resolve("year.yaml");
        Files.writeString(
                p,
                """
                workload:
                  profile:
                    daily: { base: 100/s, duration: 399d, peaks: [ { at: "12:30", rate: 900/s, width: 90m } ] }
                  classes: [ { name: a, cpu: 1ms } ]
                architecture:
                  pool: { instances: 1 }
                """);

        CliRun run = CliRun.of("profile", p.toString(), "--width", "112");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("duration   9576h")
                .contains("peak       900/s")
                .contains("mean       153/s");
    }

    @Test
    void simulate_moreRequestsThanMaxRequests_isRefusedWithTheEstimateAndAShorterDuration() throws Exception {
        CliRun run = simulate(spec("", ""), "--max-requests", "30000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("the run would simulate about 60,000 requests (10m of profile at a mean of 100/s)")
                .contains("--max-requests allows 30,000")
                .contains("fix: --duration 5m, --set workload.profile.scale=0.5");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void simulate_billionsOfRequests_areRefusedByDefault() throws Exception {
        // 1,000,000/s for an hour: 3.6 billion requests, about 20 minutes of CPU.
        CliRun run = simulate(
                spec("", ""),
                "--set",
                "workload.profile.constant.rate=1000000/s",
                "--set",
                "workload.profile.constant.duration=1h",
                "--set",
                "architecture.client.timeout=1s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("about 3,600,000,000 requests")
                .contains("--max-requests allows 2,000,000,000")
                .contains("--duration 33m");
    }

    @Test
    void spof_billionsOfRequestsPerRun_areRefusedBeforeAnyRun() throws Exception {
        Path spec = spec("rate: 100/s, duration: 10m", "rate: 1000000/s, duration: 1h");
        Files.writeString(spec, Files.readString(spec).replace("timeout: 10s", "timeout: 1s"));

        CliRun run = CliRun.of("spof", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("about 3,600,000,000 requests")
                .contains("the bound of a run allows 2,000,000,000")
                .doesNotContain("--max-requests");
    }

    @Test
    void simulate_moreMemoryThanAnyHeap_isRefusedWithTheInFlightEstimate() throws Exception {
        // 10,000,000/s held for a day's timeout: 8.6e11 requests in flight, over 200 TB.
        CliRun run = simulate(
                spec("", ""),
                "--set",
                "workload.profile.constant.rate=10000000/s",
                "--set",
                "workload.profile.constant.duration=1d",
                "--set",
                "architecture.client.timeout=1d",
                "--max-requests",
                "1000000000000000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("the run would need about")
                .contains("864,000,000,000 requests in flight")
                .contains("a shorter architecture.client.timeout");
    }

    @Test
    void sizeCheck_comparesTheEstimateWithTheHeapItIsGiven() throws Exception {
        Spec spec = SpecLoader.load(spec("rate: 100/s", "rate: 100000/s"), List.of());
        Path file = dir.resolve("bounds.yaml");

        // 100,000/s for the 10 s timeout: 1,000,000 in flight, 256 MB with the engine's 64 MiB.
        SimSize.check(file, spec, OptionalDouble.empty(), Long.MAX_VALUE, 1e9, true);
        Assertions.assertThatThrownBy(
                        () -> SimSize.check(file, spec, OptionalDouble.empty(), Long.MAX_VALUE, 2e8, true))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("about 323 MB of memory (up to 1,000,000 requests in flight");
    }

    @Test
    void defaults_printsEveryBoundWithItsReason() {
        CliRun run = CliRun.of("defaults");

        assertThat(run.exitCode()).isZero();
        for (Limits.Limit l : Limits.all()) {
            assertThat(run.out())
                    .contains(l.what())
                    .contains("at most " + l.shown())
                    .contains(l.why());
        }
    }

    @Test
    void load_aProfileOfZeroRatesOr1e308_exits2_beforeAnyRequest() throws Exception {
        AtomicLong seen = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            seen.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            for (String rate : List.of("0/s", "1e308/s", "20000000/s")) {
                Path p = dir.resolve("load.yaml");
                Files.writeString(
                        p,
                        """
                        name: bounds
                        target: http://127.0.0.1:%d
                        workload:
                          profile: { constant: { rate: %s, duration: 2s } }
                        requests: [ { path: / } ]
                        """
                                .formatted(server.getAddress().getPort(), rate));

                CliRun run = CliRun.of(
                        "load", p.toString(), "--out", dir.resolve("r").toString());

                assertThat(run.exitCode()).as(rate).isEqualTo(2);
                assertThat(run.err()).as(rate).contains("workload.profile");
            }
            assertThat(seen.get()).isZero();
            assertThat(dir.resolve("r")).doesNotExist();
        } finally {
            server.stop(0);
        }
    }
}
