package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.SpecException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cap on requests in flight (separate from the connections) and HTTPS with the JDK's TLS. */
class ClientLimitsTest {
    @TempDir
    Path dir;

    /**
     * The server holds every request 100 ms, so 4 requests in flight carry at most 40/s. Offered
     * 100/s with 64 connections but {@code maxInFlight: 4}, the server never sees more than 4 at
     * once, throughput settles near 40/s, and the requests the cap holds back wait: their wait is
     * backpressure (counted in latency from the due time), not the generator's lag; those still
     * held at the end are unfinished, which fails the run.
     */
    @Test
    void maxInFlight_capsConcurrencyBelowTheConnections_andTheHeldRequestsShowAsWait() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(100)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: cap-wait
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 100/s, duration: 4s } }
                    requests: [ { path: / } ]
                    client: { connections: 64, maxInFlight: 4, grace: 1s }
                    """
                            .formatted(server.url()),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(server.maxConcurrent()).isBetween(1L, 4L);
            // At most 4 / 0.1 s; a busy machine adds to each 100 ms, so the floor has room.
            assertThat(s.throughputPerSecond()).isBetween(20.0, 41.0);
            assertThat(r.run().measurement().waitMillis().p99()).isGreaterThan(1_000.0);
            assertThat(r.run().measurement().lagMillis().p99())
                    .isLessThan(r.run().measurement().waitMillis().p99() / 10);
            assertThat(r.run().measurement().invalid()).isFalse();
            assertThat(s.errors()).doesNotContainKey("in-flight-limit");
            assertThat(r.passed()).isFalse();
        }
    }

    /** With {@code overLimit: fail} a request over the cap fails at once, unsent, as its own kind. */
    @Test
    void maxInFlight_withOverLimitFail_failsTheExcessUnsent() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(100)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: cap-fail
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 100/s, duration: 4s } }
                    requests: [ { path: / } ]
                    client: { connections: 64, maxInFlight: 4, overLimit: fail }
                    """
                            .formatted(server.url()),
                    dir);

            RunSummary s = r.run().summary();
            long refused = s.errors().getOrDefault("in-flight-limit", 0L);
            assertThat(server.maxConcurrent()).isBetween(1L, 4L);
            // 400 arrivals, at most 40/s served: at least 60% refused by the cap and never sent (more
            // when a busy machine stretches the 100 ms).
            assertThat((double) refused / s.requests()).isBetween(0.5, 0.8);
            assertThat(server.count()).isEqualTo(s.requests() - refused);
            assertThat(s.throughputPerSecond()).isBetween(20.0, 41.0);
        }
    }

    @Test
    void maxInFlight_aboveTheConnections_orWithTheClosedModel_isBadInput() {
        assertThatThrownBy(
                        () -> Runs.scenario(
                                """
                        name: bad
                        target: http://127.0.0.1:9
                        workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
                        requests: [ { path: / } ]
                        client: { connections: 8, maxInFlight: 16 }
                        """))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("test.yaml:5:")
                        .contains("must be at most client.connections (8)")
                        .contains("raise client.connections"));
        assertThatThrownBy(
                        () -> Runs.scenario(
                                """
                        name: bad
                        target: http://127.0.0.1:9
                        workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
                        requests: [ { path: / } ]
                        client: { overLimit: drop }
                        """))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("client.overLimit")
                        .contains("applies only with client.maxInFlight"));
        assertThatThrownBy(
                        () -> Runs.scenario(
                                """
                        name: bad
                        target: http://127.0.0.1:9
                        workload: { model: closed, users: 10, thinkTime: 1s, duration: 5s }
                        requests: [ { path: / } ]
                        client: { maxInFlight: 4 }
                        """))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("test.yaml:5:")
                        .contains("in the closed model the users are the limit"));
    }

    /** HTTPS to a server with a self-signed certificate made by the JDK's keytool for this test. */
    @Test
    void https_withTheJdksTls_talksToATlsServer_andRefusesAnUntrustedCertificate() throws Exception {
        try (TestServer server = new TestServer(selfSigned("SAN=ip:127.0.0.1,dns:localhost"))) {
            assertThat(server.url()).startsWith("https://");
            String scenario =
                    """
                    name: tls
                    target: %s
                    workload: { profile: { constant: { rate: 50/s, duration: 2s } } }
                    requests: [ { path: /secure, check: { status: [200], bodyContains: ok } } ]
                    client: { connections: 8, insecureTls: %s }
                    """;
            LoadEngine.Result trusted = Runs.run(scenario.formatted(server.url(), true), dir.resolve("a"));
            RunSummary s = trusted.run().summary();
            assertThat(s.requests()).isGreaterThan(50);
            assertThat(s.completed()).isEqualTo(s.requests());
            assertThat(s.errors()).isEmpty();
            assertThat(server.seen()).allSatisfy(seen -> assertThat(seen.path()).isEqualTo("/secure"));
            assertThat(server.count()).isEqualTo(s.completed());

            long before = server.count();
            LoadEngine.Result refused = Runs.run(scenario.formatted(server.url(), false), dir.resolve("b"));
            RunSummary u = refused.run().summary();
            assertThat(u.completed()).isZero();
            assertThat(u.errors()).containsOnlyKeys("connect-error");
            assertThat(u.errorCount()).isEqualTo(u.requests()).isPositive();
            assertThat(server.count()).isEqualTo(before);
        }
    }

    /** With {@code insecureTls} any certificate goes, even one that names another host. */
    @Test
    void https_insecureTls_acceptsACertificateForAnotherName() throws Exception {
        try (TestServer server = new TestServer(selfSigned("SAN=dns:elsewhere.invalid"))) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: tls-any
                    target: %s
                    workload: { profile: { constant: { rate: 50/s, duration: 1s } } }
                    requests: [ { path: / } ]
                    client: { connections: 4, insecureTls: true }
                    """
                            .formatted(server.url()),
                    dir);
            assertThat(r.run().summary().errors()).isEmpty();
            assertThat(r.run().summary().completed())
                    .isEqualTo(r.run().summary().requests())
                    .isPositive();
        }
    }

    private SslContext selfSigned(String names) throws Exception {
        KeyManagerFactory kmf = SelfSigned.keys(dir, names);
        return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();
    }
}
