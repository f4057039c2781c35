package dev.headroom.model.traffic;

import java.util.List;

/** A traffic file that cannot be replayed: every error found in it, each located in the file. */
public final class TrafficException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<TrafficError> errors;

    public TrafficException(List<TrafficError> errors) {
        super(errors.isEmpty() ? "bad traffic file" : errors.get(0).rule());
        this.errors = List.copyOf(errors);
    }

    public TrafficException(TrafficError error) {
        this(List.of(error));
    }

    public List<TrafficError> errors() {
        return errors;
    }
}
