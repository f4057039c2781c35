package dev.headroom.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;

/**
 * A small real web shop to load-test: HTTP on 127.0.0.1 (the JDK's server, a fixed pool of worker
 * threads), a real database through a HikariCP pool, and a Prometheus {@code /metrics} endpoint.
 * See {@code docs/demo.md} for its endpoints, its metrics and what in it is real.
 *
 * <pre>{@code
 * try (DemoShop shop = DemoShop.start(ShopConfig.defaults())) {
 *     URI base = shop.url();      // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class DemoShop implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer http;
    private final ExecutorService workers;
    private final ShopDatabase database;
    private final Server h2Tcp;
    private final String jdbcUrl;
    private final ShopConfig config;

    private DemoShop(
            HttpServer http,
            ExecutorService workers,
            ShopDatabase database,
            Server h2Tcp,
            String jdbcUrl,
            ShopConfig config) {
        this.http = http;
        this.workers = workers;
        this.database = database;
        this.h2Tcp = h2Tcp;
        this.jdbcUrl = jdbcUrl;
        this.config = config;
    }

    /**
     * Connects to the database (creating the schema and the menu if missing), then starts serving.
     *
     * @throws SQLException the database cannot be reached or the schema cannot be created
     * @throws IOException the port cannot be bound
     */
    public static DemoShop start(ShopConfig config) throws IOException, SQLException {
        return start(config, SessionPolicy.defaults(), java.time.Clock.systemUTC());
    }

    /** As {@link #start(ShopConfig)}, with the sessions' bounds and the clock their expiry reads. */
    static DemoShop start(ShopConfig config, SessionPolicy sessions, java.time.Clock clock)
            throws IOException, SQLException {
        Server tcp = null;
        String poolUrl = config.jdbcUrl();
        String reachableUrl = config.jdbcUrl();
        if (config.embedded()) {
            poolUrl = "jdbc:h2:mem:" + config.h2Name() + ";DB_CLOSE_DELAY=-1";
            reachableUrl = poolUrl;
            if (config.h2TcpPort() >= 0) {
                // Loopback only: H2 otherwise listens on every interface (and refuses remote clients).
                if (System.getProperty("h2.bindAddress") == null) {
                    System.setProperty("h2.bindAddress", "127.0.0.1");
                }
                tcp = Server.createTcpServer("-tcpPort", Integer.toString(config.h2TcpPort()), "-tcpDaemon");
                tcp.start();
                reachableUrl = "jdbc:h2:tcp://127.0.0.1:" + tcp.getPort() + "/mem:" + config.h2Name();
            }
        }
        // The JDK server writes headers and body separately: with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK (40 ms on Linux) and every response looks 40 ms slow.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // It also closes a connection the moment it falls idle once 200 others are idle: when the
        // load drops with hundreds of keep-alive connections open, a client that reuses one just as
        // it closes sees connection-closed errors that are the server's bookkeeping, not its load.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        }
        ShopMetrics metrics = new ShopMetrics();
        ShopDatabase db = null;
        try {
            db = new ShopDatabase(poolUrl, config.dbUser(), config.dbPassword(), config, metrics);
            db.createSchema();
            db.awaitFullPool(config.poolSize(), java.time.Duration.ofSeconds(10));
            HttpServer server =
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    config.workerThreads(),
                    config.workerThreads(),
                    60,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "shop-worker-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.prestartAllCoreThreads();
            server.setExecutor(pool);
            server.createContext("/", new ShopHandler(db, metrics, config, new Sessions(sessions, clock)));
            server.start();
            return new DemoShop(server, pool, db, tcp, reachableUrl, config);
        } catch (IOException | SQLException | RuntimeException e) {
            if (db != null) {
                db.close();
            }
            if (tcp != null) {
                tcp.stop();
            }
            throw e;
        }
    }

    /** The shop's base URL, such as {@code http://127.0.0.1:43127}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The shop's metrics, in the Prometheus text format. */
    public URI metricsUrl() {
        return url().resolve("/metrics");
    }

    /**
     * A JDBC URL of the shop's database that a cleanup can use: the configured one, or for the
     * embedded database its TCP address when the TCP server runs (else the in-process address,
     * usable from this JVM only).
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The tables, prefixed: items, orders, order lines. */
    public List<String> tables() {
        return database.tables();
    }

    public ShopConfig config() {
        return config;
    }

    /** Drops the shop's tables (tests on shared database servers call this before closing). */
    public void dropTables() throws SQLException {
        database.dropTables();
    }

    /** Stops serving, closes the pool and, for the embedded database, drops it. */
    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (config.embedded()) {
            try {
                database.execute("SHUTDOWN");
            } catch (SQLException e) {
                // Already gone: nothing to drop.
            }
        }
        database.close();
        if (h2Tcp != null) {
            h2Tcp.stop();
        }
    }
}
