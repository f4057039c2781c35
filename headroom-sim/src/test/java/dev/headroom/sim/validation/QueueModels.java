package dev.headroom.sim.validation;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Specs for the textbook queues, written as YAML so they go through the same loader as users'
 * specs. Every limit that a textbook queue does not have is lifted: unlimited workers and accept
 * queue, no balancer, a client timeout far beyond any response (so nobody gives up), Poisson
 * arrivals at a constant rate.
 */
final class QueueModels {
    private QueueModels() {}

    /** M/M/c, M/D/c: one instance with {@code cores} cores in front of an FCFS run queue. */
    static Spec singleStation(int cores, double arrivalsPerSecond, String cpu, double durationSeconds) {
        return parse(
                "station",
                String.format(
                        Locale.US,
                        """
                name: station
                workload:
                  profile: {constant: {rate: %s/s, duration: %ss}}
                  classes:
                    - name: only
                      cpu: %s
                architecture:
                  client: {timeout: 24h}
                  pool: {instances: 1, cores: %d, workers: unlimited, acceptQueue: unlimited}
                """,
                        number(arrivalsPerSecond),
                        number(durationSeconds),
                        cpu,
                        cores));
    }

    /**
     * Two single-server stations in tandem: the instance's core, then one database query on a
     * one-core database with unlimited connections and no disk.
     */
    static Spec tandem(double arrivalsPerSecond, String webCpu, String dbCpu, double durationSeconds) {
        return parse(
                "tandem",
                String.format(
                        Locale.US,
                        """
                name: tandem
                workload:
                  profile: {constant: {rate: %s/s, duration: %ss}}
                  classes:
                    - name: only
                      cpu: %s
                      db: {queries: 1, cpu: %s}
                architecture:
                  client: {timeout: 24h}
                  pool: {instances: 1, cores: 1, workers: unlimited, acceptQueue: unlimited}
                  db: {cores: 1, connections: unlimited}
                """,
                        number(arrivalsPerSecond),
                        number(durationSeconds),
                        webCpu,
                        dbCpu));
    }

    /**
     * A shop with every component and every way to fail: a least-outstanding balancer with a
     * backend limit and a queue, three two-core instances with few workers and a short accept
     * queue, a cache, a database with a connection limit and a disk, and a flash sale that
     * overloads the instances (timeouts, a full balancer queue) before traffic falls back and the
     * run drains. {@code overrides} are {@code --set} what-ifs.
     */
    static Spec shop(String... overrides) {
        return parse(
                "shop",
                List.of(overrides),
                """
                name: shop
                workload:
                  profile:
                    phases:
                      - constant: {rate: 400/s, duration: 30s}
                      - spike: {base: 400/s, peak: 1500/s, rise: 5s, hold: 20s, decay: 5s, tail: 30s}
                  classes:
                    - name: browse
                      weight: 80
                      cpu: {lognormal: {mean: 4ms, p99: 25ms}}
                      db: {queries: 2, cpu: {exponential: 0.4ms}}
                    - name: checkout
                      weight: 20
                      cpu: {exponential: 8ms}
                      db: {queries: 5, cpu: {exponential: 1ms}, io: 2}
                architecture:
                  client: {timeout: 400ms}
                  lb: {routing: least-outstanding, backendLimit: 40, queueLimit: 400}
                  pool: {instances: 3, cores: 2, workers: 32, acceptQueue: 16}
                  cache: {hitRatio: 0.7, latency: {exponential: 300us}, cores: 2}
                  db: {connections: 30, cores: 4, disk: {iops: 3000, latency: 1ms}}
                """);
    }

    static Spec parse(String name, String yaml) {
        return parse(name, yaml, Path.of("."));
    }

    static Spec parse(String name, String yaml, Path baseDir) {
        return parse(name, List.of(), yaml, baseDir);
    }

    private static Spec parse(String name, List<String> overrides, String yaml) {
        return parse(name, overrides, yaml, Path.of("."));
    }

    private static Spec parse(String name, List<String> overrides, String yaml, Path baseDir) {
        try {
            return SpecLoader.parse(name, yaml, overrides, baseDir);
        } catch (SpecException e) {
            throw new IllegalArgumentException("test spec " + name + " is invalid: " + e.getMessage(), e);
        }
    }

    /** A plain decimal, as spec quantities are written ({@code 95}, {@code 133.5}). */
    static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.US, "%.6f", v);
    }
}
