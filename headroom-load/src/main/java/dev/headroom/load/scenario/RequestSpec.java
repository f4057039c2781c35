package dev.headroom.load.scenario;

import dev.headroom.load.template.Template;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of request in the mix, picked by {@code weight}: method, path and headers as templates
 * (values from feeders), an optional body template, and the check its response must pass.
 */
public record RequestSpec(
        String name,
        double weight,
        String method,
        Template path,
        Map<String, Template> headers,
        Optional<Template> body,
        Check check) {

    public RequestSpec {
        headers = Map.copyOf(headers);
    }
}
