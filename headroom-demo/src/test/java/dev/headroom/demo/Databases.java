package dev.headroom.demo;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database servers this machine runs on loopback, for tests. A server that does not answer
 * skips its tests with a message, unless {@code HEADROOM_REQUIRE_DATABASES=1}: then it fails them
 * (CI starts the servers and sets it).
 */
enum Databases {
    H2(null, "", ""),
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", "");

    final String url;
    final String user;
    final String password;

    Databases(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A table prefix no other test run uses, so tests can share a server. */
    static String uniquePrefix() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return "hr" + HexFormat.of().formatHex(b) + "_";
    }

    /** A shop configuration on this database, skipping (or failing) when the server does not answer. */
    ShopConfig config() {
        ShopConfig base = ShopConfig.defaults().withTablePrefix(uniquePrefix());
        if (this == H2) {
            return base.withH2("test-" + base.tablePrefix(), 0);
        }
        String problem = reachable();
        if (problem != null) {
            String message = name() + " at " + url + " does not answer (" + problem + ")";
            if ("1".equals(System.getenv("HEADROOM_REQUIRE_DATABASES"))) {
                fail(message + "; HEADROOM_REQUIRE_DATABASES=1 requires it");
            }
            assumeTrue(false, message + "; skipped (set HEADROOM_REQUIRE_DATABASES=1 to fail instead)");
        }
        return base.withDatabase(url, user, password);
    }

    private String reachable() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(3) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
