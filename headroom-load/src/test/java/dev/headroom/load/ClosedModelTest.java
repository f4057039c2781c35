package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.load.engine.LoadEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual users with think time, checked against the interactive response time law. */
class ClosedModelTest {
    @TempDir
    Path dir;

    /**
     * N users who each wait for a response (R) and then think (Z) send X = N / (R + Z) requests
     * per second (the interactive response time law, Denning and Buzen 1978). With 8 users, a
     * server answering in 20 ms and 30 ms of think time, X is about 160/s.
     */
    @Test
    void closedUsers_sendAtTheRateTheResponseTimeLawPredicts() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(20)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: closed
                    target: %s
                    workload:
                      model: closed
                      users: 8
                      thinkTime: 30ms
                      duration: 4s
                    requests: [ { path: / } ]
                    """
                            .formatted(server.url()),
                    dir);

            var s = r.run().summary();
            double responseSeconds = s.latencyMillis().mean() / 1000;
            double predicted = 8 / (responseSeconds + 0.030);
            assertThat(s.errorCount()).isZero();
            assertThat(s.throughputPerSecond()).isCloseTo(predicted, within(predicted * 0.1));
            // At least the server's 20 ms; a busy machine adds its own delay, which the law absorbs
            // because latency counts from the due time the generator set.
            assertThat(responseSeconds).isBetween(0.020, 0.200);
            assertThat(r.run().measurement().model()).isEqualTo("closed");
            assertThat(server.count()).isEqualTo(s.requests());
        }
    }
}
