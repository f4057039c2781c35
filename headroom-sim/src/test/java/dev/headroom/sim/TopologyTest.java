package dev.headroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.model.architecture.ComponentKind;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec is built once into stages, kind by kind through the registry; the engine hands each event to its stage. */
class TopologyTest {
    private static final String THREE_TIER =
            """
            name: three-tier
            workload:
              profile: {constant: {rate: 100/s, duration: 10s}}
              classes:
                - name: read
                  cpu: {exponential: 2ms}
                  db: {queries: 1, cpu: {exponential: 0.5ms}, io: 1}
            architecture:
              lb: {count: 2}
              pool: {instances: 2, cores: 2, workers: 16}
              cache: {hitRatio: 0.5}
              db: {connections: 20, cores: 4, replicas: 1, disk: {iops: 3000, latency: 1ms}}
            """;

    @Test
    void everyComponentKind_hasOneStageRegistered() {
        for (ComponentKind kind : ComponentKind.values()) {
            assertThat(StageKind.of(kind).kind()).isEqualTo(kind);
        }
        assertThat(StageKind.values()).hasSameSizeAs(ComponentKind.values());
    }

    @Test
    void unknownKind_listsTheValidOnes() {
        assertThat(StageKind.of("cache")).isEqualTo(StageKind.CACHE);
        assertThatThrownBy(() -> StageKind.of("functions"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown component kind 'functions': the kinds are lb, pool, cache, db, queue");
    }

    @Test
    void topology_buildsTheDeclaredKindsStages_inTheRunsComponentOrder() throws Exception {
        Spec spec = SpecLoader.parse("three-tier.yaml", THREE_TIER, List.of(), Path.of("."));
        Engine engine = new Engine();
        Topology t = new Topology(engine, new RunEvents(engine, e -> {}), spec, 1, false, null);

        List<String> gauges = new ArrayList<>();
        t.gauges.forEach(g -> gauges.add(g.name()));
        assertThat(gauges)
                .containsExactly(
                        "lb",
                        "web",
                        "web.cpu",
                        "cache",
                        "db.connections",
                        "db.cpu",
                        "db.disk",
                        "db-replica-1.connections",
                        "db-replica-1.cpu",
                        "db-replica-1.disk");
        assertThat(t.front.balancerCount()).isEqualTo(2);
        assertThat(t.cache).isNotNull();
        assertThat(t.queue).isNull();
        assertThat(t.fleet).isNull();
        assertThat(t.database.nodes).hasSize(2);
    }

    @Test
    void engine_handsEachEventToTheHandlerOfItsKind_inTimeThenSchedulingOrder() {
        Engine engine = new Engine();
        List<String> seen = new ArrayList<>();
        int a = engine.register(arg -> seen.add("a" + arg + "@" + engine.now));
        int b = engine.register(arg -> seen.add("b" + arg + "@" + engine.now));
        engine.schedule(20, a, 1);
        engine.schedule(10, b, 2);
        engine.schedule(20, b, 3);
        while (!engine.events.isEmpty()) {
            engine.dispatchNext();
        }
        assertThat(seen).containsExactly("b2@10", "a1@20", "b3@20");
    }
}
