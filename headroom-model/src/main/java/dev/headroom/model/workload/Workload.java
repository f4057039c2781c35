package dev.headroom.model.workload;

import dev.headroom.model.profile.Profile;
import java.util.List;

/** The traffic: a profile of arrival rate over time, how arrivals are drawn, and the request mix. */
public record Workload(Profile profile, Arrivals arrivals, List<RequestClass> classes) {
    public Workload {
        classes = List.copyOf(classes);
    }
}
