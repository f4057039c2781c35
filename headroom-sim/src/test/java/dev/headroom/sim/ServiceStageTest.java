package dev.headroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.architecture.Pool;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.stats.Gauge;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seize-schedule-release pattern every timed station shares, run on a real engine. */
class ServiceStageTest {
    /** One server, a fixed 10 ns service; records when each request is served. */
    private static final class Fixed extends ServiceStage {
        final Station station = new Station(1, Pool.UNLIMITED, new Gauge("s", "cpu", 1));
        final List<String> served = new ArrayList<>();
        int queued;

        Fixed(Engine engine) {
            super(engine, Components.CPU);
        }

        @Override
        public void on(int slot) {
            complete(slot);
        }

        @Override
        Station station(Request r) {
            return station;
        }

        @Override
        long serviceNanos(Request r, Station s) {
            return 10;
        }

        @Override
        void queued(Station s) {
            queued++;
        }

        @Override
        void served(Request r) {
            served.add(r.slot + "@" + engine.now);
        }
    }

    @Test
    void requestsArrivingTogether_areServedOneAfterAnother_inArrivalOrder() {
        Engine engine = new Engine();
        Fixed stage = new Fixed(engine);
        List<Request> rs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Request r = engine.requests.allocate();
            rs.add(r);
            stage.enter(r);
        }
        while (!engine.events.isEmpty()) {
            engine.dispatchNext();
        }
        assertThat(stage.queued).isEqualTo(2);
        assertThat(stage.served)
                .containsExactly(rs.get(0).slot + "@10", rs.get(1).slot + "@20", rs.get(2).slot + "@30");
        assertThat(stage.station.busy()).isZero();
        assertThat(stage.station.hasWaiting()).isFalse();
    }
}
