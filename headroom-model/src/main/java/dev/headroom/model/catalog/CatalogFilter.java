package dev.headroom.model.catalog;

import dev.headroom.model.spec.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A selection of rows from one table of the {@link Catalog}, written as terms that must all
 * match. A term is a name pattern ({@code t3.*}, {@code *.large}, or a prefix such as {@code m5})
 * or {@code FIELD OP VALUE} with OP one of {@code = != < <= > >=}: numeric fields compare as
 * numbers, text and true/false fields only with {@code =} and {@code !=} (ignoring case). Every
 * term is checked when the filter is parsed, so a bad one fails before any row is read.
 */
public final class CatalogFilter {
    private static final Pattern COMPARISON =
            Pattern.compile("\\s*([A-Za-z]+)\\s*(<=|>=|!=|=|<|>)\\s*([^=<>!\\s].*?)\\s*");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String WHERE = "--filter";

    /** The tables of the catalog, by the name the command line uses. */
    public enum Table {
        INSTANCES,
        VOLUMES,
        RDS,
        CACHE,
        BALANCERS;

        /** The name the command line uses: {@code instances}, {@code rds}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The table of that name, ignoring case. */
        public static Table named(String name) {
            for (Table t : values()) {
                if (t.label().equalsIgnoreCase(name.trim())) {
                    return t;
                }
            }
            List<String> labels = Arrays.stream(values()).map(Table::label).toList();
            throw new CatalogFilterException("catalog", name, "unknown table", Names.suggest(name, labels));
        }
    }

    private final Selection<?> selection;

    private CatalogFilter(Selection<?> selection) {
        this.selection = selection;
    }

    /** The fields a term can compare in that table, in the order the help lists them. */
    public static List<String> fields(Table table) {
        return List.copyOf(shape(table).fields().keySet());
    }

    /**
     * A filter keeping the rows of {@code table} that match every term (no terms keep every row).
     *
     * @throws CatalogFilterException for the first term that cannot be read
     */
    public static CatalogFilter parse(Table table, List<String> terms) {
        return new CatalogFilter(Selection.of(shape(table), terms));
    }

    public Table table() {
        return selection.shape().table();
    }

    /** The names of the matching rows, in catalog order. */
    public List<String> names(Catalog catalog) {
        return selection.names(catalog);
    }

    /** The matching EC2 instance types, in catalog order; for a filter of {@link Table#INSTANCES}. */
    public List<InstanceType> instances(Catalog catalog) {
        return rows(Table.INSTANCES, catalog, catalog.instances());
    }

    /** The matching EBS volume types; for a filter of {@link Table#VOLUMES}. */
    public List<VolumeType> volumes(Catalog catalog) {
        return rows(Table.VOLUMES, catalog, catalog.volumes());
    }

    /** The matching RDS classes; for a filter of {@link Table#RDS}. */
    public List<RdsClass> rdsClasses(Catalog catalog) {
        return rows(Table.RDS, catalog, catalog.rdsClasses());
    }

    /** The matching ElastiCache node types; for a filter of {@link Table#CACHE}. */
    public List<InstanceType> cacheNodes(Catalog catalog) {
        return rows(Table.CACHE, catalog, catalog.cacheNodes());
    }

    /** The matching managed balancers; for a filter of {@link Table#BALANCERS}. */
    public List<ManagedBalancer> balancers(Catalog catalog) {
        return rows(Table.BALANCERS, catalog, catalog.balancers());
    }

    @Override
    public String toString() {
        return table().label() + selection.terms();
    }

    private <T> List<T> rows(Table wanted, Catalog catalog, Map<String, T> byName) {
        if (table() != wanted) {
            throw new IllegalStateException(
                    "a filter of " + table().label() + " selects no " + wanted.label() + "; parse one for that table");
        }
        return names(catalog).stream().map(byName::get).toList();
    }

    private static Shape<?> shape(Table table) {
        return switch (table) {
            case INSTANCES -> Shape.INSTANCES;
            case VOLUMES -> Shape.VOLUMES;
            case RDS -> Shape.RDS;
            case CACHE -> Shape.CACHE;
            case BALANCERS -> Shape.BALANCERS;
        };
    }

    /** What a term can read from a row, and how it turns {@code FIELD OP VALUE} into a test. */
    private sealed interface Field<T> {
        Predicate<T> test(Comparison c);
    }

    private record Numeric<T>(ToDoubleFunction<T> value) implements Field<T> {
        @Override
        public Predicate<T> test(Comparison c) {
            double x = c.number();
            return row -> c.op().test(value.applyAsDouble(row), x);
        }
    }

    private record Text<T>(Function<T, String> value) implements Field<T> {
        @Override
        public Predicate<T> test(Comparison c) {
            boolean equal = c.equality();
            return row -> value.apply(row).equalsIgnoreCase(c.value()) == equal;
        }
    }

    private record Flag<T>(Predicate<T> value) implements Field<T> {
        @Override
        public Predicate<T> test(Comparison c) {
            boolean wanted = c.equality() == c.flag();
            return row -> value.test(row) == wanted;
        }
    }

    /** A table's rows and fields; each table's fields are defined here and nowhere else. */
    private record Shape<T>(
            Table table,
            Function<Catalog, Map<String, T>> rows,
            Function<T, String> name,
            Map<String, Field<T>> fields) {

        static final Shape<InstanceType> INSTANCES = new Shape<>(
                Table.INSTANCES,
                Catalog::instances,
                InstanceType::name,
                new Fields<InstanceType>()
                        .text("name", InstanceType::name)
                        .text("family", InstanceType::family)
                        .number("vcpus", InstanceType::vcpus)
                        .number("memory", InstanceType::memoryGiB)
                        .number("price", InstanceType::pricePerHour)
                        .flag("burstable", InstanceType::burstable)
                        .number("baseline", t -> t.burst()
                                .map(InstanceType.Burst::baselinePerVcpu)
                                .orElse(1.0))
                        .number("credits", t -> t.burst()
                                .map(InstanceType.Burst::creditsPerHour)
                                .orElse(0.0))
                        .done());

        static final Shape<VolumeType> VOLUMES = new Shape<>(
                Table.VOLUMES,
                Catalog::volumes,
                VolumeType::name,
                new Fields<VolumeType>()
                        .text("name", VolumeType::name)
                        .text("kind", VolumeType::kind)
                        .number("price", VolumeType::pricePerGiBMonth)
                        .done());

        static final Shape<RdsClass> RDS = new Shape<>(
                Table.RDS,
                Catalog::rdsClasses,
                RdsClass::name,
                new Fields<RdsClass>()
                        .text("name", RdsClass::name)
                        .text("family", c -> c.type().family())
                        .number("vcpus", c -> c.type().vcpus())
                        .number("memory", c -> c.type().memoryGiB())
                        .number("price", RdsClass::singleAzPricePerHour)
                        .number("multiaz", RdsClass::multiAzPricePerHour)
                        .flag("burstable", c -> c.type().burstable())
                        .done());

        static final Shape<InstanceType> CACHE = new Shape<>(
                Table.CACHE,
                Catalog::cacheNodes,
                InstanceType::name,
                new Fields<InstanceType>()
                        .text("name", InstanceType::name)
                        .text("family", InstanceType::family)
                        .number("vcpus", InstanceType::vcpus)
                        .number("memory", InstanceType::memoryGiB)
                        .number("price", InstanceType::pricePerHour)
                        .done());

        static final Shape<ManagedBalancer> BALANCERS = new Shape<>(
                Table.BALANCERS,
                Catalog::balancers,
                ManagedBalancer::name,
                new Fields<ManagedBalancer>()
                        .text("name", ManagedBalancer::name)
                        .number("price", ManagedBalancer::pricePerHour)
                        .done());
    }

    /** Builds a table's field map in the order the fields are listed. */
    private static final class Fields<T> {
        private final Map<String, Field<T>> fields = new LinkedHashMap<>();

        Fields<T> text(String name, Function<T, String> value) {
            fields.put(name, new Text<>(value));
            return this;
        }

        Fields<T> number(String name, ToDoubleFunction<T> value) {
            fields.put(name, new Numeric<>(value));
            return this;
        }

        Fields<T> flag(String name, Predicate<T> value) {
            fields.put(name, new Flag<>(value));
            return this;
        }

        Map<String, Field<T>> done() {
            return Collections.unmodifiableMap(fields);
        }
    }

    /** The parsed terms of one table, as one test over its rows. */
    private record Selection<T>(Shape<T> shape, List<String> terms, Predicate<T> test) {

        static <T> Selection<T> of(Shape<T> shape, List<String> terms) {
            List<Predicate<T>> tests = new ArrayList<>();
            for (String term : terms) {
                tests.add(Term.compile(shape, term));
            }
            return new Selection<>(
                    shape, List.copyOf(terms), row -> tests.stream().allMatch(t -> t.test(row)));
        }

        List<String> names(Catalog catalog) {
            return shape.rows().apply(catalog).values().stream()
                    .filter(test)
                    .map(shape.name())
                    .toList();
        }
    }

    private enum Op {
        EQ("="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        boolean test(double a, double b) {
            return switch (this) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    /** Reads one term into a test of a row, or says what is wrong with it. */
    private static final class Term {
        private Term() {}

        static <T> Predicate<T> compile(Shape<T> shape, String term) {
            if (term.isBlank()) {
                throw new CatalogFilterException(
                        WHERE,
                        term,
                        "empty term",
                        "give a name pattern (t3.*, *.large, m5) or FIELD OP VALUE (vcpus>=4); fields of "
                                + shape.table().label() + ": "
                                + String.join(", ", shape.fields().keySet()));
            }
            Matcher m = COMPARISON.matcher(term);
            if (m.matches()) {
                return comparison(shape, new Comparison(term, m.group(1), Op.of(m.group(2)), m.group(3)));
            }
            if (term.chars().anyMatch(c -> "=<>!".indexOf(c) >= 0)) {
                throw new CatalogFilterException(
                        WHERE,
                        term,
                        "neither a name pattern nor FIELD OP VALUE",
                        "write a field of " + shape.table().label() + " ("
                                + String.join(", ", shape.fields().keySet())
                                + "), one of = != < <= > >= and a value, such as price<0.5");
            }
            Pattern pattern = namePattern(term.trim());
            return row -> pattern.matcher(shape.name().apply(row)).matches();
        }

        /** {@code *} any run of characters, {@code ?} one; without either, a prefix. */
        private static Pattern namePattern(String glob) {
            if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
                return Pattern.compile(Pattern.quote(glob) + ".*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            }
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : glob.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (!literal.isEmpty()) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        }

        private static <T> Predicate<T> comparison(Shape<T> shape, Comparison c) {
            Field<T> field = shape.fields().get(c.field().toLowerCase(Locale.ROOT));
            if (field == null) {
                throw c.problem(
                        "unknown field '" + c.field() + "'",
                        Names.suggest(c.field(), shape.fields().keySet()));
            }
            return field.test(c);
        }
    }

    /** A term {@code FIELD OP VALUE}, split; it reads its value as the field needs it. */
    private record Comparison(String term, String field, Op op, String value) {

        CatalogFilterException problem(String rule, String fix) {
            return new CatalogFilterException(WHERE, term, rule, fix);
        }

        double number() {
            if (!DECIMAL.matcher(value).matches()) {
                throw problem(
                        "'" + value + "' is not a number",
                        "compare " + field + " with a number, such as " + field + ">=4");
            }
            return Double.parseDouble(value);
        }

        /** True for {@code =}, false for {@code !=}; text has no order. */
        boolean equality() {
            if (op != Op.EQ && op != Op.NE) {
                throw problem(field + " can only be compared with = or !=", "write " + field + "=" + value);
            }
            return op == Op.EQ;
        }

        boolean flag() {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw problem(
                        field + " is true or false, not '" + value + "'",
                        "write " + field + "=true or " + field + "=false");
            }
            return value.equalsIgnoreCase("true");
        }
    }
}
