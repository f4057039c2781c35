package dev.headroom.load.cleanup;

import dev.headroom.load.scenario.HostPolicy;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.spec.Fields;
import dev.headroom.model.spec.Problems;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and checks a scenario's {@code cleanup} section. Every statement must use the run id
 * parameter {@code :run}: a cleanup that does not would count or delete other people's rows, so it
 * is refused before any load is sent.
 */
public final class CleanupReader {
    private static final Pattern RUN_PARAMETER = Pattern.compile("(?<![:\\w]):run\\b");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    static final String DEFAULT_TIMEOUT = "30s";

    private final Problems problems;
    private final List<String> allowedHosts;
    private final Optional<String> target;

    public CleanupReader(Problems problems, List<String> allowedHosts) {
        this(problems, allowedHosts, Optional.empty());
    }

    /** {@code target} replaces {@code ${target}} in the HTTP call's URL (empty: the scenario's target is bad). */
    public CleanupReader(Problems problems, List<String> allowedHosts, Optional<String> target) {
        this.problems = problems;
        this.allowedHosts = List.copyOf(allowedHosts);
        this.target = target;
    }

    /** The section at {@code node}, or empty when it has problems (which are reported). */
    public Optional<CleanupSpec> read(Node node) {
        Fields f = Fields.of(node, "cleanup", problems);
        Optional<CleanupSpec.Http> http = f.get("http").flatMap(this::http);
        boolean httpBad = f.has("http") && http.isEmpty();
        Optional<CleanupSpec.Database> database = f.require(
                        "database",
                        "add database: {url: jdbc:..., tables: [...]} so the cleanup can count the rows it removes")
                .flatMap(this::database);
        long timeout = f.scalar("timeout", Quantities::durationNanos).orElse(Quantities.durationNanos(DEFAULT_TIMEOUT));
        if (timeout <= 0) {
            problems.add(f.get("timeout").get(), f.pathOf("timeout"), "must be longer than zero", "write timeout: 30s");
        }
        f.finish();
        if (database.isEmpty() || httpBad || timeout <= 0) {
            return Optional.empty();
        }
        return Optional.of(new CleanupSpec(http, database.get(), timeout));
    }

    private Optional<CleanupSpec.Http> http(Node node) {
        Fields f = Fields.of(node, "cleanup.http", problems);
        String method = f.scalar("method", CleanupReader::method).orElse("POST");
        Optional<String> url = f.requiredScalar(
                "url", String::trim, "give the URL to call, such as url: ${target}/internal/runs/${run}");
        Optional<String> body = f.scalar("body", s -> s);
        f.finish();
        if (url.isEmpty() || (url.get().contains(ScenarioLoader.TARGET_PARAMETER) && target.isEmpty())) {
            return Optional.empty();
        }
        url = url.map(u -> u.replace(ScenarioLoader.TARGET_PARAMETER, target.orElse("")));
        URI uri;
        try {
            uri = new URI(url.get().replace(CleanupSpec.HTTP_PARAMETER, "run"));
            if (uri.getHost() == null
                    || uri.getScheme() == null
                    || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new URISyntaxException(url.get(), "no http(s) scheme or host");
            }
        } catch (URISyntaxException e) {
            problems.add(
                    f.get("url").get(),
                    "cleanup.http.url",
                    url.get(),
                    "not an http(s) URL",
                    "write it as http://127.0.0.1:8080/internal/runs/${run}");
            return Optional.empty();
        }
        if (!HostPolicy.isAllowed(uri, allowedHosts)) {
            problems.add(
                    f.get("url").get(),
                    "cleanup.http.url",
                    "refused: the host '" + uri.getHost() + "' is not loopback and not in allowedHosts",
                    HostPolicy.howToAllow(uri.getHost()));
            return Optional.empty();
        }
        return Optional.of(new CleanupSpec.Http(method, url.get(), body));
    }

    private static String method(String text) {
        String m = text.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw new QuantityException("not an HTTP method", "use one of " + String.join(", ", METHODS));
        }
        return m;
    }

    private Optional<CleanupSpec.Database> database(Node node) {
        Fields f = Fields.of(node, "cleanup.database", problems);
        Optional<String> url = f.requiredScalar(
                "url", CleanupReader::jdbcUrl, "give the JDBC URL, such as url: jdbc:postgresql://127.0.0.1:5432/shop");
        String user = f.scalar("user", String::trim).orElse("");
        String password = f.scalar("password", s -> s).orElse("");
        List<Node> items = f.list("tables");
        if (f.has("tables") && items.isEmpty()) {
            problems.add(
                    f.get("tables").get(),
                    "cleanup.database.tables",
                    "needs at least one table",
                    "list the tables the run writes to, such as - {table: orders, marked: run_id = :run}");
        } else if (!f.has("tables")) {
            f.require("tables", "list the tables the run writes to, such as - {table: orders, marked: run_id = :run}");
        }
        List<CleanupSpec.Table> tables = new ArrayList<>();
        boolean bad = false;
        for (int i = 0; i < items.size(); i++) {
            Optional<CleanupSpec.Table> t = table(items.get(i), "cleanup.database.tables[" + i + "]");
            t.ifPresent(tables::add);
            bad |= t.isEmpty();
        }
        f.finish();
        if (url.isEmpty() || bad || tables.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CleanupSpec.Database(url.get(), user, password, tables));
    }

    private Optional<CleanupSpec.Table> table(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<String> table =
                f.requiredScalar("table", CleanupReader::tableName, "name the table, such as table: orders");
        Optional<String> marked = f.requiredScalar(
                "marked",
                CleanupReader::usesRunId,
                "give the condition for this run's rows, such as marked: run_id = :run");
        Optional<String> delete = f.scalar("delete", text -> deleteOrUpdate(usesRunId(text)));
        boolean badDelete = f.has("delete") && delete.isEmpty();
        if (delete.isPresent() && table.isPresent() && !targets(delete.get(), table.get())) {
            // The proof fingerprints the listed table only: a statement on another table would go unchecked.
            problems.add(
                    f.get("delete").get(),
                    path + ".delete",
                    "the statement must delete from (or update) its own table " + table.get()
                            + ", the one the proof counts",
                    "write DELETE FROM " + table.get() + " WHERE ..., and give other tables their own entry");
            badDelete = true;
        }
        Optional<String> key = f.scalar("key", CleanupReader::columnName);
        boolean badKey = f.has("key") && key.isEmpty();
        Optional<List<CleanupSpec.Reference>> references = f.get("references")
                .map(n -> references(n, path + ".references"))
                .orElse(Optional.of(List.of()));
        f.finish();
        if (table.isEmpty() || marked.isEmpty() || badDelete || badKey || references.isEmpty()) {
            return Optional.empty();
        }
        String statement = delete.orElse("DELETE FROM " + table.get() + " WHERE " + marked.get());
        return Optional.of(
                new CleanupSpec.Table(table.get(), marked.get(), statement, key, references.get(), where(node, path)));
    }

    /** {@code references: {order_id: orders.id}}: child column to parent table and column. */
    private Optional<List<CleanupSpec.Reference>> references(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        List<CleanupSpec.Reference> out = new ArrayList<>();
        boolean bad = false;
        for (String column : List.copyOf(f.keys())) {
            Optional<CleanupSpec.Reference> r = f.scalar(column, CleanupReader::parentColumn)
                    .flatMap(parent -> Fields.parseScalar(
                                    f.tuple(column).getKeyNode(), f.pathOf(column), CleanupReader::columnName, problems)
                            .map(c -> new CleanupSpec.Reference(c, parent.table(), parent.column())));
            r.ifPresent(out::add);
            bad |= r.isEmpty();
        }
        f.finish();
        return bad ? Optional.empty() : Optional.of(out);
    }

    private record Parent(String table, String column) {}

    private static Parent parentColumn(String text) {
        String s = text.trim();
        int dot = s.lastIndexOf('.');
        if (dot <= 0
                || !TABLE_NAME.matcher(s.substring(0, dot)).matches()
                || !COLUMN_NAME.matcher(s.substring(dot + 1)).matches()) {
            throw new QuantityException(
                    "not a parent table.column", "write the table and column the value points at, such as orders.id");
        }
        return new Parent(s.substring(0, dot), s.substring(dot + 1));
    }

    private static String columnName(String text) {
        String name = text.trim();
        if (!COLUMN_NAME.matcher(name).matches()) {
            throw new QuantityException("not a column name (letters, digits and _)", "write key: id");
        }
        return name;
    }

    /** "file:line:col: path", so a refusal found in the database points at the table's entry. */
    private String where(Node node, String path) {
        org.yaml.snakeyaml.error.Mark m = node.getStartMark();
        return problems.source() + (m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)) + ": " + path;
    }

    private static String jdbcUrl(String text) {
        String url = text.trim();
        if (!url.startsWith("jdbc:")) {
            throw new QuantityException(
                    "not a JDBC URL",
                    "write it as jdbc:postgresql://127.0.0.1:5432/shop or jdbc:mariadb://127.0.0.1:3306/shop");
        }
        return url;
    }

    private static String tableName(String text) {
        String name = text.trim();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new QuantityException(
                    "not a table name (letters, digits and _, optionally schema.table)", "write table: orders");
        }
        return name;
    }

    /** Refuses SQL that does not bind the run id, or that binds with a bare '?'. */
    static String usesRunId(String text) {
        String sql = text.strip();
        if (!RUN_PARAMETER.matcher(sql).find()) {
            throw new QuantityException(
                    "the cleanup SQL does not use the run id parameter " + CleanupSpec.SQL_PARAMETER
                            + ", so it would count or delete rows of other runs and of real users",
                    "select this run's rows with " + CleanupSpec.SQL_PARAMETER + ", such as run_id = :run");
        }
        if (sql.indexOf('?') >= 0) {
            throw new QuantityException(
                    "write the run id as " + CleanupSpec.SQL_PARAMETER + ", not '?'", "replace ? with :run");
        }
        return sql;
    }

    /**
     * Refuses anything but one DELETE or UPDATE: DDL such as TRUNCATE commits on its own in MariaDB
     * and H2, and a second statement would run unchecked, so neither could be rolled back.
     */
    static String deleteOrUpdate(String sql) {
        String head = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!head.equals("DELETE") && !head.equals("UPDATE")) {
            throw new QuantityException(
                    "the cleanup statement must be one DELETE (or an UPDATE that marks rows deleted): " + head
                            + " cannot be checked and rolled back",
                    "write delete: DELETE FROM <table> WHERE run_id = :run");
        }
        String body = sql.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.indexOf(';') >= 0) {
            throw new QuantityException(
                    "one statement only: a second one would run outside the checks",
                    "give each table its own entry in cleanup.database.tables");
        }
        return sql;
    }

    private static final Pattern TARGET = Pattern.compile(
            "(?is)\\s*(?:DELETE\\s+FROM|UPDATE)\\s+([A-Za-z_][A-Za-z0-9_$]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*)?)(?:\\s.*)?");

    /** Whether the DELETE or UPDATE acts on {@code table} (and only there: no multi-table forms). */
    static boolean targets(String sql, String table) {
        java.util.regex.Matcher m = TARGET.matcher(sql);
        return m.matches() && m.group(1).equalsIgnoreCase(table);
    }

    /** The JDBC form of cleanup SQL: each {@code :run} becomes a '?', and how many there are. */
    static Bound bind(String sql) {
        java.util.regex.Matcher m = RUN_PARAMETER.matcher(sql);
        int n = 0;
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "?");
            n++;
        }
        m.appendTail(out);
        return new Bound(out.toString(), n);
    }

    record Bound(String sql, int parameters) {}
}
