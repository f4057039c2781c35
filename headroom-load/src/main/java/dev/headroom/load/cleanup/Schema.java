package dev.headroom.load.cleanup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the database says about a cleaned table, through JDBC metadata: its integer key (the proof
 * identifies the rows that existed before the run by it), the foreign keys that point into it (rows
 * that could be orphaned), and on MariaDB/MySQL whether its engine can roll back.
 */
final class Schema {
    private static final Set<Integer> INTEGER_TYPES =
            Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT);

    private Schema() {}

    /** A table as the cleanup uses it: its name in SQL, its key column, and the references to check. */
    record Resolved(String table, String key, List<Link> links) {
        Resolved {
            links = List.copyOf(links);
        }
    }

    /** {@code child.column} holds values of {@code parent.parentColumn}; rows pointing at no parent are orphans. */
    record Link(String child, String column, String parent, String parentColumn) {
        String id() {
            return (child + "." + column + "->" + parent).toLowerCase(Locale.ROOT);
        }
    }

    /** A table's spelling in the catalog, found whatever case the spec used. */
    private record Name(String catalog, String schema, String table) {}

    static Resolved resolve(Connection c, CleanupSpec.Table t) throws SQLException, Cleanup.Refused {
        DatabaseMetaData md = c.getMetaData();
        Name name = find(c, md, t);
        refuseNonTransactional(c, md, name, t);
        String key = key(md, name, t);
        List<Link> links = new ArrayList<>();
        for (CleanupSpec.Reference r : t.references()) {
            links.add(new Link(t.table(), r.column(), r.parentTable(), r.parentColumn()));
        }
        links.addAll(exported(c, md, name, t.table()));
        return new Resolved(t.table(), key, links);
    }

    private static boolean mysql(DatabaseMetaData md) throws SQLException {
        String p = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        return p.contains("mariadb") || p.contains("mysql");
    }

    private static Name find(Connection c, DatabaseMetaData md, CleanupSpec.Table t)
            throws SQLException, Cleanup.Refused {
        int dot = t.table().indexOf('.');
        String qualifier = dot < 0 ? null : t.table().substring(0, dot);
        String bare = t.table().substring(dot + 1);
        // MySQL and MariaDB call a schema a catalog (database.table).
        boolean catalogs = mysql(md);
        String catalog = catalogs && qualifier != null ? qualifier : c.getCatalog();
        String schema = catalogs ? null : qualifier != null ? qualifier : c.getSchema();
        for (String n : List.of(bare, bare.toUpperCase(Locale.ROOT), bare.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = md.getTables(catalog, schema, n, null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(bare)) {
                        return new Name(
                                rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"));
                    }
                }
            }
        }
        throw new Cleanup.Refused(t.where() + ".table = '" + t.table() + "': no such table in " + md.getURL()
                + "\n    fix: name a table the run writes to (schema.table if it is not in the default schema)");
    }

    /** A rollback undoes nothing in MyISAM, Aria or MEMORY tables, so the proof could not protect them. */
    private static void refuseNonTransactional(Connection c, DatabaseMetaData md, Name name, CleanupSpec.Table t)
            throws SQLException, Cleanup.Refused {
        if (!mysql(md)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, name.catalog());
            ps.setString(2, name.table());
            try (ResultSet rs = ps.executeQuery()) {
                String engine = rs.next() ? rs.getString(1) : null;
                if (engine == null || !engine.equalsIgnoreCase("InnoDB")) {
                    throw new Cleanup.Refused(t.where() + ".table = '" + t.table() + "': the table's engine is "
                            + (engine == null ? "none (a view?)" : engine)
                            + ", which cannot roll back, so a delete that reaches beyond the run could not be undone"
                            + "\n    fix: ALTER TABLE " + t.table()
                            + " ENGINE=InnoDB, or leave the table out of the cleanup");
                }
            }
        }
    }

    private static String key(DatabaseMetaData md, Name name, CleanupSpec.Table t)
            throws SQLException, Cleanup.Refused {
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (ResultSet rs = md.getColumns(name.catalog(), name.schema(), name.table(), null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            }
        }
        String key = t.key().isPresent() ? t.key().get() : primaryKey(md, name, t);
        Optional<Map.Entry<String, Integer>> column = columns.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(key))
                .findFirst();
        if (column.isEmpty()) {
            throw new Cleanup.Refused(t.where() + ".key = '" + key + "': " + t.table() + " has no such column"
                    + "\n    fix: name its auto-increment id column, such as key: id");
        }
        if (!INTEGER_TYPES.contains(column.get().getValue())) {
            throw new Cleanup.Refused(t.where() + ".key = '" + key + "': the key of " + t.table()
                    + " is not an integer column, so its values do not grow and cannot tell the rows that existed"
                    + " before the run from the ones added later"
                    + "\n    fix: name an auto-increment integer column with key: (add one if the table has none)");
        }
        return key;
    }

    private static String primaryKey(DatabaseMetaData md, Name name, CleanupSpec.Table t)
            throws SQLException, Cleanup.Refused {
        List<String> pk = new ArrayList<>();
        try (ResultSet rs = md.getPrimaryKeys(name.catalog(), name.schema(), name.table())) {
            while (rs.next()) {
                pk.add(rs.getString("COLUMN_NAME"));
            }
        }
        if (pk.size() != 1) {
            throw new Cleanup.Refused(t.where() + ": " + t.table() + " has "
                    + (pk.isEmpty() ? "no primary key" : "a primary key of " + pk.size() + " columns " + pk)
                    + ", so the cleanup cannot tell the rows that existed before the run by their key"
                    + "\n    fix: name an auto-increment integer column, such as key: id");
        }
        return pk.get(0);
    }

    /** Single-column foreign keys that point into the table (a composite one is not checked). */
    private static List<Link> exported(Connection c, DatabaseMetaData md, Name name, String table) throws SQLException {
        Map<String, List<Link>> byKey = new LinkedHashMap<>();
        try (ResultSet rs = md.getExportedKeys(name.catalog(), name.schema(), name.table())) {
            while (rs.next()) {
                String schema = rs.getString("FKTABLE_SCHEM");
                String child = rs.getString("FKTABLE_NAME");
                if (schema != null && !schema.equalsIgnoreCase(String.valueOf(c.getSchema()))) {
                    child = schema + "." + child;
                }
                String fk = String.valueOf(rs.getString("FK_NAME")) + "/" + child;
                byKey.computeIfAbsent(fk, k -> new ArrayList<>())
                        .add(new Link(child, rs.getString("FKCOLUMN_NAME"), table, rs.getString("PKCOLUMN_NAME")));
            }
        }
        return byKey.values().stream()
                .filter(l -> l.size() == 1)
                .map(l -> l.get(0))
                .toList();
    }
}
