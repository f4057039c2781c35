package dev.headroom.cli;

import dev.headroom.demo.DemoShop;
import dev.headroom.demo.ShopConfig;
import dev.headroom.demo.ShopDefaults;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code headroom shop}: runs the demo shop on loopback until Ctrl-C (or for {@code --for}). */
@Command(
        name = "shop",
        mixinStandardHelpOptions = true,
        description = {
            "Run the demo shop on 127.0.0.1: a small real web shop (menu, items, orders, order status, an internal"
                    + " report) over HTTP, with a real database through a HikariCP pool and Prometheus metrics at"
                    + " /metrics. Load it with examples/demo/shop.yaml. See docs/demo.md.",
            "Exit code: 0 stopped; 2 bad input, a port in use or a database that cannot be reached."
        },
        footer = {
            "",
            "Defaults:",
            "  @|bold ${headroom.shop.defaults}|@",
            "",
            "Example: headroom shop --pool 8 --db-url jdbc:postgresql://127.0.0.1:5432/test --db-user postgres"
        })
final class ShopCommand implements Callable<Integer> {
    static {
        System.setProperty("headroom.shop.defaults", String.join("%n  ", ShopDefaults.describe()));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port on 127.0.0.1 (0: any free port).")
    int port = ShopDefaults.PORT;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC",
            description = "A PostgreSQL or MariaDB JDBC URL instead of the embedded H2.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
    String dbUser = "";

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password.")
    String dbPassword = "";

    @Option(
            names = "--h2-tcp-port",
            paramLabel = "N",
            description = "Port of the embedded H2's TCP server on 127.0.0.1 (-1: none).")
    int h2TcpPort = ShopDefaults.H2_TCP_PORT;

    @Option(names = "--pool", paramLabel = "N", description = "Connections in the HikariCP pool.")
    int pool = ShopDefaults.POOL_SIZE;

    @Option(
            names = "--db-round-trip",
            paramLabel = "DURATION",
            description = "Added to each statement and commit (0ms: none).")
    String roundTrip = ShopDefaults.DB_ROUND_TRIP.toMillis() + "ms";

    @Option(names = "--workers", paramLabel = "N", description = "HTTP worker threads.")
    int workers = ShopDefaults.WORKER_THREADS;

    @Option(names = "--table-prefix", paramLabel = "NAME", description = "Prefix of the shop's table names.")
    String tablePrefix = ShopDefaults.TABLE_PREFIX;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (default: until Ctrl-C).")
    String runFor;

    @Override
    public Integer call() throws InterruptedException {
        ShopConfig config;
        long forNanos;
        try {
            long rt = Quantities.durationNanos(roundTrip);
            forNanos = runFor == null ? -1 : Quantities.durationNanos(runFor);
            config = ShopConfig.defaults()
                    .withPort(port)
                    .withH2(ShopDefaults.H2_NAME, h2TcpPort)
                    .withPoolSize(pool)
                    .withDbRoundTrip(Duration.ofNanos(rt))
                    .withWorkerThreads(workers)
                    .withTablePrefix(tablePrefix);
            if (dbUrl != null) {
                config = config.withDatabase(dbUrl, dbUser, dbPassword);
            }
        } catch (QuantityException e) {
            throw new BadInputException("headroom shop: " + e.rule() + "; " + e.fix());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("headroom shop: " + e.getMessage());
        }
        DemoShop shop;
        try {
            shop = DemoShop.start(config);
        } catch (IOException e) {
            throw new BadInputException("headroom shop: cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another --port");
        } catch (SQLException e) {
            throw new BadInputException("headroom shop: cannot use the database (" + e.getMessage() + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    shop.close();
                    stopped.countDown();
                },
                "headroom-shop-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = command.commandLine().getOut();
        out.println("headroom shop  " + shop.url() + "  (metrics " + shop.metricsUrl() + ")");
        out.println("  database " + shop.jdbcUrl() + ", tables " + String.join(", ", shop.tables()));
        out.println("  pool " + config.poolSize() + " connections, "
                + config.dbRoundTrip().toMillis() + "ms round trip per statement, " + config.workerThreads()
                + " worker threads");
        out.println(runFor == null ? "  Ctrl-C stops it" : "  stops after " + runFor);
        out.flush();
        if (forNanos < 0) {
            stopped.await();
        } else if (!stopped.await(forNanos, TimeUnit.NANOSECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            shop.close();
        }
        return Main.OK;
    }
}
