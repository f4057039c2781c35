package dev.headroom.load.template;

import java.util.List;

/** Where a placeholder's values come from. */
public sealed interface FeederSpec {

    /** The names a template may use after the feeder's name: CSV columns, or none for a single value. */
    List<String> columns();

    /** How a CSV feeder hands out its rows. */
    enum Order {
        /** Row after row, starting again at the top after the last. */
        SEQUENTIAL,
        /** A row drawn at random for each request (with replacement). */
        RANDOM,
        /** Each row at most once; a request that finds none left is an error of kind {@code feeder-exhausted}. */
        UNIQUE
    }

    /** Rows of a CSV file whose first line names the columns. */
    record Csv(String file, List<String> columns, List<List<String>> rows, Order order) implements FeederSpec {
        public Csv {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** 1, 2, 3, ... from {@code start}, one per request, shared by every event loop. */
    record Counter(long start) implements FeederSpec {
        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /** A random version-4 UUID per request, from the run's seeded random streams. */
    record Uuid() implements FeederSpec {
        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /** A random whole number in {@code [min, max]} per request (random ids). */
    record RandomInt(long min, long max) implements FeederSpec {
        @Override
        public List<String> columns() {
            return List.of();
        }
    }
}
