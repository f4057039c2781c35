package dev.headroom.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol: open a page, collect console errors and
 * uncaught exceptions, evaluate an expression, take a full-page screenshot. Every wait is bounded;
 * {@link #close()} kills the browser and removes its profile directory.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String REQUIRE = "HEADROOM_REQUIRE_CHROMIUM";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** The Chromium binary: {@code HEADROOM_CHROMIUM}, else the usual names on the PATH. */
    static Optional<Path> find() {
        String env = System.getenv("HEADROOM_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(Path binary, int width, int height) throws Exception {
        profile = Files.createTempDirectory("headroom-chromium");
        process = new ProcessBuilder(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--remote-allow-origins=*",
                        "--window-size=" + width + "," + height,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        WebSocket ws = null;
        try {
            ws = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(WAIT)
                    .buildAsync(URI.create(pageSocket(debuggingPort())), new Listener())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            socket = ws;
            if (ws == null) {
                close();
            }
        }
        try {
            call("Runtime.enable", null);
            call("Log.enable", null);
            call("Page.enable", null);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Navigates and waits for the load event. */
    void open(URI url) throws Exception {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaited.put("Page.loadEventFired", loaded);
        ObjectNode params = JSON.createObjectNode().put("url", url.toString());
        call("Page.navigate", params);
        loaded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates an expression (promises awaited) and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("evaluation failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the top {@code height} pixels of the page (all of it when 0), {@code width} wide. */
    byte[] screenshot(int width, int height) throws Exception {
        double page = evaluate("document.documentElement.scrollHeight").asDouble();
        double shown = height > 0 ? Math.min(height, page) : page;
        ObjectNode clip = JSON.createObjectNode()
                .put("x", 0)
                .put("y", 0)
                .put("width", width)
                .put("height", shown)
                .put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        return Base64.getDecoder()
                .decode(call("Page.captureScreenshot", params).path("data").asText());
    }

    /** Console errors, uncaught exceptions and error log entries seen so far. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private JsonNode call(String method, JsonNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.path("result");
    }

    private int debuggingPort() throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 2) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with " + process.exitValue() + ": " + log());
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium did not open its DevTools port within " + WAIT.toSeconds() + " s: " + log());
    }

    private static String pageSocket(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(WAIT)
                .build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode target : JSON.readTree(
                    http.send(list, HttpResponse.BodyHandlers.ofString()).body())) {
                if ("page".equals(target.path("type").asText())) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium opened no page");
    }

    private String log() {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private synchronized void problem(String text) {
        problems.add(text);
    }

    private void dispatch(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    problem("console." + type + ": " + params.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> problem("exception: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    problem("log: " + params.path("entry").path("text").asText());
                }
            }
            default -> {}
        }
        CompletableFuture<JsonNode> waiter = awaited.remove(method);
        if (waiter != null) {
            waiter.complete(params);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                try {
                    dispatch(JSON.readTree(text));
                } catch (IOException e) {
                    problem("unreadable DevTools message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile directory left in /tmp is harmless.
        }
    }
}
