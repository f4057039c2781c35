package dev.headroom.load.engine;

import dev.headroom.load.scenario.ClientOptions;
import dev.headroom.load.scenario.HostPolicy;
import dev.headroom.load.scenario.Journey;
import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.scenario.Protocol;
import dev.headroom.load.scenario.RequestSpec;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.template.Feeders;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * What every event loop shares, fixed before the first request: the resolved target addresses
 * (checked once more against the host policy), TLS contexts (the JDK's TLS), the request writers,
 * the feeders and the run's start on the {@link System#nanoTime()} clock.
 */
final class RunPlan {
    private final Scenario scenario;
    private final long seed;
    private final int loops;
    private final Transport transport;
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();
    private final List<SslContext> ssl = new ArrayList<>();
    private final RequestWriter[][] writers;
    private final Feeders feeders;
    /** The request mix's requests, then every journey's request steps: what the engine sends, by number. */
    private final List<RequestSpec> classes;

    private final List<String> classNames;
    /** For each journey, the class number of each of its request steps. */
    private final int[][] journeyClasses;
    /** The scenario's model, or the warm-up's own rising rate. */
    private final LoadModel model;
    /** Whether this plan drives the generator's warm-up against its in-process server. */
    private final boolean warmup;
    /** The scenario's client options; the warm-up's have fewer connections. */
    private final ClientOptions client;
    /**
     * The warm-up's connections, per event loop: enough for any rate its server answers, and its
     * two ends' file descriptors (client and server in one process) stay far below the limit that
     * a run of 10,000 connections needs for itself.
     */
    private static final int WARMUP_CONNECTIONS_PER_LOOP = 128;

    private long startNanos;

    RunPlan(Scenario scenario, long seed, String runTag, Transport transport) throws UnreachableTargetException {
        this.scenario = scenario;
        this.seed = seed;
        // A loop with no share of the in-flight cap could never send: no more loops than the cap;
        // nor than the connections (on HTTP/2 the cap can exceed them), so the limit holds.
        ClientOptions client = scenario.client();
        this.loops = Math.min(client.eventLoops(), Math.min(client.connections(), client.inFlightLimit()));
        this.transport = transport;
        this.model = scenario.model();
        this.warmup = false;
        this.client = scenario.client();
        for (URI target : scenario.targets()) {
            String host = target.getHost();
            if (!HostPolicy.isAllowed(host, scenario.allowedHosts())) {
                // The scenario reader refuses these; this is the last line of defence.
                throw new UnreachableTargetException(target + ": refused, not loopback and not allowed");
            }
            addresses.add(resolve(target));
            hosts.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            ssl.add("https".equalsIgnoreCase(target.getScheme()) ? sslContext(scenario.client()) : null);
        }
        List<RequestSpec> requests = new ArrayList<>(scenario.requests());
        List<String> names = new ArrayList<>();
        scenario.requests().forEach(r -> names.add(r.name()));
        journeyClasses = new int[scenario.journeys().size()][];
        for (int j = 0; j < journeyClasses.length; j++) {
            Journey journey = scenario.journeys().get(j);
            List<Journey.Step.Request> steps = journey.requests();
            journeyClasses[j] = new int[steps.size()];
            for (int k = 0; k < steps.size(); k++) {
                journeyClasses[j][k] = requests.size();
                requests.add(steps.get(k).request());
                names.add(journey.name() + "/" + steps.get(k).request().name());
            }
        }
        this.classes = List.copyOf(requests);
        this.classNames = List.copyOf(names);
        writers = new RequestWriter[requests.size()][scenario.targets().size()];
        for (int r = 0; r < requests.size(); r++) {
            for (int t = 0; t < scenario.targets().size(); t++) {
                writers[r][t] =
                        new RequestWriter(requests.get(r), scenario.targets().get(t), scenario.tagHeader(), runTag);
            }
        }
        feeders = new Feeders(feederSpecs());
    }

    /**
     * The same requests, writers and loops sent to {@code server} instead of every target, in plain
     * HTTP, at the warm-up's {@code rate}, on fewer connections, with feeders of their own (the run's unique values stay
     * unused) and journeys that go on after a failed step (the server knows none of their values).
     */
    private RunPlan(RunPlan measured, InetSocketAddress server, LoadModel.Open rate) {
        this.scenario = measured.scenario;
        this.seed = measured.seed;
        this.loops = measured.loops;
        this.transport = measured.transport;
        for (int t = 0; t < measured.addresses.size(); t++) {
            addresses.add(server);
            hosts.add(measured.hosts.get(t));
            ssl.add(null);
        }
        this.writers = measured.writers;
        this.classes = measured.classes;
        this.classNames = measured.classNames;
        this.journeyClasses = measured.journeyClasses;
        this.feeders = new Feeders(measured.feederSpecs());
        this.model = rate;
        this.warmup = true;
        this.client = measured.client.withConnectionsAtMost(WARMUP_CONNECTIONS_PER_LOOP * loops);
    }

    RunPlan forWarmup(InetSocketAddress server, LoadModel.Open rate) {
        return new RunPlan(this, server, rate);
    }

    boolean warmup() {
        return warmup;
    }

    private static InetSocketAddress resolve(URI target) throws UnreachableTargetException {
        int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        String host = target.getHost();
        try {
            InetAddress address = InetAddress.getByName(host);
            if (HostPolicy.isLoopback(host) && !address.isLoopbackAddress()) {
                throw new UnreachableTargetException(
                        target + ": '" + host + "' resolves to " + address.getHostAddress() + ", not to loopback");
            }
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new UnreachableTargetException(target + ": the host '" + host + "' does not resolve");
        }
    }

    private static SslContext sslContext(ClientOptions client) throws UnreachableTargetException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (client.protocol() == Protocol.H2) {
                // RFC 9113 section 3.2: h2 over TLS is agreed by ALPN; a server that does not offer it fails.
                b.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2));
            }
            if (client.insecureTls()) {
                // Any certificate, for any name: a self-signed test target.
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                // The certificate must name the host the request goes to (RFC 2818), as a browser checks.
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            return b.build();
        } catch (SSLException e) {
            throw new UnreachableTargetException("cannot set up TLS: " + e.getMessage());
        }
    }

    void start(long startNanos) {
        this.startNanos = startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** When the last arrival may be due, in nanoseconds from the start. */
    long endNanos() {
        return (long) (model.durationSeconds() * 1e9);
    }

    /** This loop's share of the open model's arrivals; null for the closed model. */
    LoopArrivals arrivals(int loop) {
        if (!(model instanceof LoadModel.Open open)) {
            return null;
        }
        return new LoopArrivals(
                open.profile(), open.arrivals(), seed, open.profile().durationSeconds(), loops, loop);
    }

    LoadModel model() {
        return model;
    }

    long seed() {
        return seed;
    }

    int loops() {
        return loops;
    }

    Transport transport() {
        return transport;
    }

    ClientOptions client() {
        return client;
    }

    /** Every request the engine may send: the mix's, then the journeys' steps ({@code journey/step}). */
    List<RequestSpec> classes() {
        return classes;
    }

    List<String> classNames() {
        return classNames;
    }

    /** The request mix alone (what an arrival picks besides journeys). */
    List<RequestSpec> requests() {
        return scenario.requests();
    }

    List<Journey> journeys() {
        return scenario.journeys();
    }

    /** The class number of request step {@code step} of journey {@code journey}. */
    int stepClass(int journey, int step) {
        return journeyClasses[journey][step];
    }

    /** The weights an arrival picks by: the mix's requests, then the journeys. */
    double[] entryWeights() {
        double[] w = new double[scenario.requests().size() + scenario.journeys().size()];
        int i = 0;
        for (RequestSpec r : scenario.requests()) {
            w[i++] = r.weight();
        }
        for (Journey j : scenario.journeys()) {
            w[i++] = j.weight();
        }
        return w;
    }

    /**
     * The requests one arrival asks for on average: 1 for a request of the mix, a journey's request
     * steps for a journey, weighted as arrivals pick them. A journey abandoned early sends fewer.
     */
    double requestsPerArrival() {
        double weight = 0;
        double requests = 0;
        for (RequestSpec r : scenario.requests()) {
            weight += r.weight();
            requests += r.weight();
        }
        for (Journey j : scenario.journeys()) {
            weight += j.weight();
            requests += j.weight() * j.requests().size();
        }
        return weight > 0 ? requests / weight : 1;
    }

    List<URI> targets() {
        return scenario.targets();
    }

    InetSocketAddress address(int target) {
        return addresses.get(target);
    }

    String host(int target) {
        return hosts.get(target);
    }

    SslContext ssl(int target) {
        return ssl.get(target);
    }

    RequestWriter writer(int request, int target) {
        return writers[request][target];
    }

    /** The feeders' specs in the order templates refer to them. */
    List<dev.headroom.load.template.FeederSpec> feederSpecs() {
        return new ArrayList<>(new java.util.TreeMap<>(scenario.feeders()).values());
    }

    Feeders feeders() {
        return feeders;
    }

    int bodyLimit() {
        return scenario.client().bodyLimitBytes();
    }

    /** A target that cannot be reached as written: refused, unresolvable, or TLS that cannot be set up. */
    static final class UnreachableTargetException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreachableTargetException(String message) {
            super(message);
        }
    }
}
