package dev.headroom.load.scenario;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A user journey: steps run one after another by one session (its own cookie jar, its own feeder
 * values, the values its steps extract), started by {@code weight} beside the request mix. A step
 * whose check fails or whose extraction finds nothing ends the journey unless {@code onFailure} is
 * {@link OnFailure#CONTINUE}. {@code variables} names the session's variables in slot order.
 */
public record Journey(String name, double weight, List<Step> steps, OnFailure onFailure, List<String> variables) {

    public Journey {
        steps = List.copyOf(steps);
        variables = List.copyOf(variables);
    }

    /** The request steps, in order. */
    public List<Step.Request> requests() {
        return steps.stream()
                .filter(s -> s instanceof Step.Request)
                .map(s -> (Step.Request) s)
                .toList();
    }

    /** What a failed step does to its journey. */
    public enum OnFailure {
        /** The journey ends at the failed step (it is abandoned there). */
        STOP,
        /** The journey goes on with its next step; a variable the step did not extract is empty. */
        CONTINUE
    }

    /** One step of a journey. */
    public sealed interface Step {

        /** A request, and the values to take from its response into the session. */
        record Request(RequestSpec request, Map<String, Extract> extract) implements Step {
            public Request {
                extract = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extract));
            }
        }

        /** A pause before the next request: {@code meanNanos} fixed, or drawn exponentially with that mean. */
        record Think(long meanNanos, boolean exponential) implements Step {}
    }

    /** Where an extracted value comes from in a response; each finds one value or nothing. */
    public sealed interface Extract {

        /** Whether the response body has to be kept to extract it. */
        default boolean readsBody() {
            return false;
        }

        /** The value at an RFC 6901 JSON pointer in the body; an object or array found there is nothing. */
        record Json(String pointer) implements Extract {
            @Override
            public boolean readsBody() {
                return true;
            }
        }

        /** The first value of a response header. */
        record Header(String name) implements Extract {}

        /** The first group of the first match of a regular expression in the body. */
        record Regex(Pattern pattern) implements Extract {
            @Override
            public boolean readsBody() {
                return true;
            }
        }

        /** The response's status code, as digits. */
        record Status() implements Extract {}
    }
}
