package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.analysis.calibrate.SpecWriter;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunJson;
import org.junit.jupiter.api.Test;

/** A journey run's requests per arrival, which scales the calibrated model's profile. */
class RequestsPerArrivalTest {
    private static final String STEP =
            "{\"name\": \"%s\", \"requests\": %d, \"completed\": %d, \"abandoned\": %d, \"throughputPerSecond\": 1,"
                    + " \"errors\": {}, \"latencyMillis\": null, \"serviceMillis\": null}";

    /**
     * browse: 3 steps, 100 started, 10 cut off before their last step; buy: 2 steps, 50 started, 5
     * abandoned at the first; and 40 single requests.
     */
    private static Run run(boolean withJourneys) throws Exception {
        String browse = "{\"started\": 100, \"completed\": 90, \"abandoned\": 0, \"unfinished\": 10,"
                + " \"abandonedBy\": {}, \"durationMillis\": null, \"steps\": ["
                + String.format(STEP, "menu", 100, 100, 0) + ", " + String.format(STEP, "item", 100, 100, 0) + ", "
                + String.format(STEP, "latte", 90, 90, 0) + "]}";
        String buy = "{\"started\": 50, \"completed\": 45, \"abandoned\": 5, \"unfinished\": 0,"
                + " \"abandonedBy\": {\"journey-check\": 5}, \"durationMillis\": null, \"steps\": ["
                + String.format(STEP, "login", 50, 45, 5) + ", " + String.format(STEP, "checkout", 45, 45, 0)
                + "]}";
        // 12 requests the run cut off are counted as sent, but are no journey's step and no single request.
        int requests = 100 + 100 + 90 + 50 + 45 + 40 + 12;
        String json = "{\"metadata\": {\"format\": \"headroom-run/2\", \"kind\": \"measurement\", \"id\": \"r\","
                + " \"name\": \"r\", \"seed\": 7, \"overrides\": []},"
                + " \"summary\": {\"durationSeconds\": 10, \"requests\": " + requests + ", \"completed\": "
                + requests + ", \"throughputPerSecond\": 1, \"errorCount\": 0, \"retries\": 0, \"errors\": {},"
                + " \"classes\": {\"browse/menu\": " + latency(100) + ", \"buy/login\": " + latency(45)
                + ", \"search\": " + latency(40) + "}},"
                + " \"measurement\": {\"status\": \"completed\", \"targets\": [], \"verdicts\": []"
                + (withJourneys ? ", \"journeys\": {\"browse\": " + browse + ", \"buy\": " + buy + "}" : "")
                + "}}";
        return RunJson.mapper().readValue(json, Run.class);
    }

    private static String latency(long count) {
        return "{\"count\": " + count + ", \"mean\": 1, \"p50\": 1, \"p90\": 1, \"p99\": 1, \"p999\": 1,"
                + " \"max\": 1}";
    }

    @Test
    void journeysCutOff_countWhole_abandonedOnesOnlyUpToTheirStep_singleRequestsOneEach() throws Exception {
        SpecWriter.RequestsPerArrival r = CalibrateCommand.requestsPerArrival(run(true));

        assertThat(r).isNotNull();
        // browse 100 x 3; buy 50 at login, 45 at checkout (5 abandoned at login); 40 single requests.
        assertThat(r.requests()).isEqualTo(300 + 95 + 40);
        assertThat(r.arrivals()).isEqualTo(100 + 50 + 40);
    }

    @Test
    void runWithoutJourneys_hasNoScale() throws Exception {
        Run without = run(false);
        assertThat(without.measurement()).isNotNull();
        assertThat(CalibrateCommand.requestsPerArrival(without)).isNull();
    }
}
