package dev.headroom.load.scenario;

import dev.headroom.load.cleanup.CleanupSpec;
import dev.headroom.load.guard.Rule;
import dev.headroom.load.template.FeederSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A load scenario: where the load goes ({@code targets}, and the hosts beyond loopback it may go
 * to), how it arrives ({@code workload}), what each request is ({@code requests}, filled from
 * {@code feeders}), the user journeys started beside them ({@code journeys}), the client's limits, the guards that stop a run that hurts, the thresholds
 * that decide its verdict, the target's own metric endpoints, and how the run's synthetic data is
 * cleaned up afterwards.
 */
public record Scenario(
        String name,
        String description,
        OptionalLong seed,
        List<URI> targets,
        List<String> allowedHosts,
        String tagHeader,
        LoadModel model,
        List<RequestSpec> requests,
        List<Journey> journeys,
        Map<String, FeederSpec> feeders,
        ClientOptions client,
        List<Rule> guards,
        List<Rule> thresholds,
        List<URI> metrics,
        Optional<CleanupSpec> cleanup) {

    public Scenario {
        targets = List.copyOf(targets);
        allowedHosts = List.copyOf(allowedHosts);
        requests = List.copyOf(requests);
        journeys = List.copyOf(journeys);
        feeders = Map.copyOf(feeders);
        guards = List.copyOf(guards);
        thresholds = List.copyOf(thresholds);
        metrics = List.copyOf(metrics);
    }
}
