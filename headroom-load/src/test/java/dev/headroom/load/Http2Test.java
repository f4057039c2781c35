package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.load.engine.LoadEngine;
import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.SpecException;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 against Netty's own HTTP/2 server on loopback: h2c with prior knowledge and h2 over TLS
 * with ALPN; streams multiplexed over few connections within the server's limit; checks, journeys,
 * the server's RST_STREAM and GOAWAY, timeouts that reset only their stream, and large bodies
 * that flow-control must not stall.
 */
@Timeout(60)
class Http2Test {
    @TempDir
    Path dir;

    private static String scenario(String url, String client, String requests, String rateAndDuration) {
        return """
                name: h2
                target: %s
                workload:
                  arrivals: uniform
                  profile: { constant: { %s } }
                requests: %s
                client: %s
                """
                .formatted(url, rateAndDuration, requests, client);
    }

    @Test
    void h2c_requestsSucceedAndAreCounted_withTheRunTagInLowerCase_headAndBodiesToo() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 2 }",
                            """
                            [ { name: get, path: /, check: { bodyContains: hello from h2 } },
                              { name: head, method: HEAD, path: /head },
                              { name: post, method: POST, path: /orders, body: '{"id": 1}' } ]""",
                            "rate: 60/s, duration: 2s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.requests()).isBetween(100L, 120L);
            assertThat(s.completed()).isEqualTo(s.requests());
            assertThat(s.errors()).isEmpty();
            assertThat(s.classes()).containsKeys("get", "head", "post");
            assertThat(server.seen()).hasSize((int) s.requests());
            assertThat(server.seen()).allSatisfy(seen -> assertThat(seen.tag()).isEqualTo(Runs.RUN_ID));
            assertThat(server.seen())
                    .anySatisfy(seen -> assertThat(seen.method()).isEqualTo("HEAD"));
            assertThat(server.connections()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void h2c_aBodyCheckThatFails_isCheckBody() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1 }",
                            "[ { path: /, check: { bodyContains: goodbye } } ]",
                            "rate: 20/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.requests()).isPositive();
            assertThat(s.errors()).containsOnlyKeys("check-body");
            assertThat(s.errors().get("check-body")).isEqualTo(s.requests());
        }
    }

    /**
     * Each request is held 200 ms; 300/s needs about 60 in flight. With two TCP connections of 50
     * streams each, the server accepts at most two connections and sees many streams at once.
     */
    @Test
    void h2c_manyStreamsShareFewConnections() throws Exception {
        try (H2TestServer server = new H2TestServer(100).delay(200)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 2, maxStreams: 50, grace: 5s }",
                            "[ { path: /slow } ]",
                            "rate: 300/s, duration: 2s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(server.connections()).isBetween(1L, 2L);
            assertThat(server.maxConcurrentStreams()).isGreaterThan(2).isLessThanOrEqualTo(100);
            assertThat(s.errors()).isEmpty();
            assertThat(s.completed()).isEqualTo(s.requests()).isGreaterThan(500);
            // The connections gauge counts TCP connections (never above 2 of 2), in flight the streams.
            JsonNode[] seconds = timeline(r);
            assertThat(seconds).allSatisfy(t -> assertThat(
                            t.at("/components/client.connections/utilization").asDouble())
                    .isLessThanOrEqualTo(1.0));
            assertThat(seconds).anySatisfy(t -> assertThat(
                            t.at("/components/client.connections/inUse").asDouble())
                    .isGreaterThan(2.0));
        }
    }

    /**
     * The server allows 8 streams per connection; the client would use 100. It never opens more
     * than the server allows (a stream over the limit would be refused with RST_STREAM), and the
     * requests that find no free stream wait: backpressure, in their latency from the due time.
     */
    @Test
    void h2c_neverMoreStreamsThanTheServerAllows_andTheRestWait() throws Exception {
        try (H2TestServer server = new H2TestServer(8).delay(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1, maxStreams: 100, grace: 5s }",
                            "[ { path: /slow } ]",
                            "rate: 150/s, duration: 2s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.errors()).doesNotContainKeys("stream-reset", "goaway", "connection-closed");
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.maxConcurrentStreams()).isBetween(2L, 8L);
            assertThat(r.run().measurement().waitMillis().p99()).isGreaterThan(100.0);
        }
    }

    @Test
    void h2c_aStreamTheServerResets_failsAsStreamReset_andTheConnectionGoesOn() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1 }",
                            "[ { name: reset, path: /reset }, { name: fine, path: / } ]",
                            "rate: 40/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.errors()).containsOnlyKeys("stream-reset");
            assertThat(s.errors().get("stream-reset"))
                    .isEqualTo(server.count("/reset"))
                    .isPositive();
            assertThat(s.completed()).isEqualTo(server.count("/")).isPositive();
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void h2c_aStreamAboveGoAwaysLastStreamId_failsAsGoaway_andANewConnectionTakesOver() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1 }",
                            "[ { path: /goaway } ]",
                            "rate: 10/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.requests()).isBetween(9L, 10L);
            assertThat(s.errors()).containsOnlyKeys("goaway");
            assertThat(s.errors().get("goaway")).isEqualTo(s.requests());
            // Each GOAWAY ends its connection; the next request opens another.
            assertThat(server.connections()).isGreaterThan(1);
        }
    }

    /**
     * The server closes each connection 300 ms after a request on it: the streams in flight on it
     * (several at 20/s) fail as the connection's loss, and the next request opens a new one.
     */
    @Test
    void h2c_aLostConnection_failsItsStreamsAsConnectionClosed() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1, grace: 2s }",
                            "[ { path: /drop } ]",
                            "rate: 20/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.requests()).isBetween(19L, 20L);
            assertThat(s.errors()).containsOnlyKeys("connection-closed");
            assertThat(s.errors().get("connection-closed")).isEqualTo(s.requests());
            assertThat(server.connections()).isGreaterThan(1);
            assertThat(server.maxConcurrentStreams()).isGreaterThan(1);
        }
    }

    /**
     * A request the server never answers times out after 300 ms: its stream alone is reset
     * (RST_STREAM CANCEL, seen by the server), and the other requests go on on the same connection.
     */
    @Test
    void h2c_aTimeout_resetsOnlyThatStream() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1, requestTimeout: 300ms, grace: 2s }",
                            "[ { name: hang, path: /hang }, { name: fine, path: /, weight: 3 } ]",
                            "rate: 40/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            long hung = server.count("/hang");
            assertThat(hung).isPositive();
            assertThat(s.errors()).containsOnlyKeys("timeout");
            assertThat(s.errors().get("timeout")).isEqualTo(hung);
            assertThat(server.resetsReceived()).isEqualTo(hung);
            assertThat(s.completed()).isEqualTo(server.count("/")).isPositive();
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    /** 3 MiB bodies, three times the stream's window: read to the end, checked, none stalls. */
    @Test
    void h2c_largeBodies_flowWithoutStalling() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1, requestTimeout: 10s, grace: 10s }",
                            "[ { name: checked, path: /big, check: { bodyContains: THE END } },"
                                    + " { name: unchecked, path: /big } ]",
                            "rate: 10/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.requests()).isBetween(9L, 10L);
            assertThat(s.errors()).isEmpty();
            assertThat(s.completed()).isEqualTo(s.requests());
        }
    }

    /** A body check's response longer than client.bodyLimit is read to its end and fails as body-too-large. */
    @Test
    void h2c_aBodyOverTheLimit_isBodyTooLarge_andTheConnectionGoesOn() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2c, connections: 1, bodyLimit: 1MiB, requestTimeout: 10s, grace: 10s }",
                            "[ { name: big, path: /big, check: { bodyContains: THE END } },"
                                    + " { name: small, path: /, check: { bodyContains: hello } } ]",
                            "rate: 10/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.errors()).containsOnlyKeys("body-too-large");
            assertThat(s.errors().get("body-too-large"))
                    .isEqualTo(server.count("/big"))
                    .isPositive();
            assertThat(s.completed()).isEqualTo(server.count("/")).isPositive();
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void h2c_aJourneyKeepsItsCookie_andSendsTheValueItExtracted() throws Exception {
        try (H2TestServer server = new H2TestServer(100)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: h2-journey
                    target: %s
                    workload: { profile: { constant: { rate: 10/s, duration: 1s } }, arrivals: uniform }
                    client: { protocol: h2c, connections: 1, grace: 5s }
                    journeys:
                      - name: account
                        steps:
                          - name: login
                            method: POST
                            path: /login
                            check: { status: 200 }
                            extract: { token: { regex: 'token: (t-[0-9]+)' }, kind: { header: Content-Type } }
                          - name: account
                            path: /account
                            headers: { X-Token: '${token}', X-Kind: '${kind}' }
                            check: { status: 200, bodyContains: welcome }
                    """
                            .formatted(server.url()),
                    dir);

            JourneySummary j = r.run().measurement().journeys().get("account");
            assertThat(j.started()).isBetween(9L, 10L);
            assertThat(j.completed()).isEqualTo(j.started());
            assertThat(j.abandoned()).isZero();
            assertThat(r.run().summary().errors()).isEmpty();
            assertThat(server.seen())
                    .filteredOn(seen -> seen.path().equals("/account"))
                    .hasSize((int) j.started())
                    .allSatisfy(seen -> assertThat(seen.cookie()).isEqualTo("session=s3cret"));
        }
    }

    @Test
    void h2_overTlsWithAlpn_succeeds() throws Exception {
        try (H2TestServer server = new H2TestServer(SelfSigned.keys(dir, "SAN=ip:127.0.0.1,dns:localhost"), 100)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2, connections: 2, insecureTls: true }",
                            "[ { path: /, check: { bodyContains: hello from h2 } } ]",
                            "rate: 50/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.requests()).isBetween(49L, 50L);
            assertThat(s.errors()).isEmpty();
            assertThat(s.completed()).isEqualTo(s.requests());
            assertThat(server.seen()).hasSize((int) s.requests());
            assertThat(server.connections()).isBetween(1L, 2L);

            // Without insecureTls the self-signed certificate is refused, as on HTTP/1.1.
            LoadEngine.Result refused = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2, connections: 1 }",
                            "[ { path: / } ]",
                            "rate: 10/s, duration: 1s"),
                    dir.resolve("refused"));
            assertThat(refused.run().summary().completed()).isZero();
            assertThat(refused.run().summary().errors()).containsOnlyKeys("connect-error");
        }
    }

    /** A TLS server that offers no h2 by ALPN (HTTP/1.1 only): every request fails as its own kind. */
    @Test
    void h2_againstAServerWithoutH2_isH2NotNegotiated() throws Exception {
        var ssl = SslContextBuilder.forServer(SelfSigned.keys(dir, "SAN=ip:127.0.0.1"))
                .sslProvider(SslProvider.JDK)
                .build();
        try (TestServer server = new TestServer(ssl)) {
            LoadEngine.Result r = Runs.run(
                    scenario(
                            server.url(),
                            "{ protocol: h2, connections: 1, insecureTls: true }",
                            "[ { path: / } ]",
                            "rate: 10/s, duration: 1s"),
                    dir);

            RunSummary s = r.run().summary();
            assertThat(s.completed()).isZero();
            assertThat(s.errors()).containsOnlyKeys("h2-not-negotiated");
            assertThat(server.count()).isZero();
        }
    }

    @Test
    void protocolAndTargetMismatch_isALocatedErrorWithAFix() {
        String h2OnHttp = problems(
                """
                name: m
                target: http://127.0.0.1:8080
                workload: { profile: { constant: { rate: 1/s, duration: 1s } } }
                requests: [ { path: / } ]
                client:
                  protocol: h2
                """);
        assertThat(h2OnHttp)
                .contains("test.yaml:6:13")
                .contains("h2 needs https:// targets")
                .contains("protocol: h2c");
        String h2cOnHttps = problems(
                """
                name: m
                target: https://127.0.0.1:8443
                workload: { profile: { constant: { rate: 1/s, duration: 1s } } }
                requests: [ { path: / } ]
                client: { protocol: h2c }
                """);
        assertThat(h2cOnHttps).contains("test.yaml:5:21").contains("h2c needs http:// targets");
    }

    @Test
    void maxStreamsOnHttp11_theClosedModelOnH2_andAnUnknownProtocol_areLocatedErrors() {
        assertThat(
                        problems(
                                """
                        name: m
                        target: http://127.0.0.1:8080
                        workload: { profile: { constant: { rate: 1/s, duration: 1s } } }
                        requests: [ { path: / } ]
                        client: { maxStreams: 10 }
                        """))
                .contains("client.maxStreams")
                .contains("applies only to HTTP/2");
        assertThat(
                        problems(
                                """
                        name: m
                        target: http://127.0.0.1:8080
                        workload: { model: closed, users: 5, thinkTime: 1s, duration: 1s }
                        requests: [ { path: / } ]
                        client: { protocol: h2c }
                        """))
                .contains("closed model");
        assertThat(
                        problems(
                                """
                        name: m
                        target: http://127.0.0.1:8080
                        workload: { profile: { constant: { rate: 1/s, duration: 1s } } }
                        requests: [ { path: / } ]
                        client: { protocol: http2, maxStreams: 0 }
                        """))
                .contains("client.protocol")
                .contains("h2")
                .contains("client.maxStreams")
                .contains("between 1 and 10000");
    }

    private static JsonNode[] timeline(LoadEngine.Result r) throws Exception {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(r.dir().resolve("timeline.jsonl")).stream()
                .map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toArray(JsonNode[]::new);
    }

    private static String problems(String yaml) {
        try {
            Runs.scenario(yaml);
        } catch (SpecException e) {
            return e.format();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected problems");
    }
}
