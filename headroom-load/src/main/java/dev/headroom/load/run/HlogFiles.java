package dev.headroom.load.run;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The interval histogram logs of a run, in HdrHistogram's standard {@code .hlog} format (one
 * interval per second, values in microseconds), written and flushed as the run goes so that a
 * killed run keeps every interval it finished. {@code latency.hlog} holds latency from the due
 * time (untagged) and one tagged series per request of the mix; {@code service.hlog} the service
 * time from the send; {@code lag.hlog} the generator's own lag; {@code wait.hlog} the backpressure
 * wait (due arrivals held while every connection or in-flight slot was busy). A request's delay from
 * due time to send is its lag plus its wait. Histograms from these logs merge exactly.
 */
public final class HlogFiles implements Closeable {
    public static final String LATENCY = "latency.hlog";
    public static final String SERVICE = "service.hlog";
    public static final String LAG = "lag.hlog";
    public static final String WAIT = "wait.hlog";

    private final Log latency;
    private final Log service;
    private final Log lag;
    private final Log wait;

    private record Log(PrintStream stream, HistogramLogWriter writer) {}

    /** Opens the logs; {@link #begin} writes their headers once the run's start is known. */
    public HlogFiles(Path dir) throws FileNotFoundException {
        latency = open(dir.resolve(LATENCY));
        service = open(dir.resolve(SERVICE));
        lag = open(dir.resolve(LAG));
        wait = open(dir.resolve(WAIT));
    }

    private static Log open(Path file) throws FileNotFoundException {
        PrintStream out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.UTF_8);
        return new Log(out, new HistogramLogWriter(out));
    }

    /** Writes each log's header: what it holds, the format version and the run's start (epoch ms). */
    public void begin(long startMillis) {
        header(latency, startMillis, "latency from the due time, microseconds");
        header(service, startMillis, "service time from the send, microseconds");
        header(lag, startMillis, "generator lag (due time to send, less the backpressure wait), microseconds");
        header(wait, startMillis, "backpressure wait for a free connection or in-flight slot, microseconds");
    }

    private static void header(Log log, long startMillis, String what) {
        HistogramLogWriter w = log.writer();
        w.outputComment("headroom load: " + what);
        w.outputLogFormatVersion();
        w.outputStartTime(startMillis);
        w.setBaseTime(startMillis);
        w.outputBaseTime(startMillis);
        w.outputLegend();
        log.stream().flush();
    }

    /**
     * A class name as an interval log tag: the log format ends a tag at a comma or space (and
     * HdrHistogram refuses one with them), so a step named {@code add item} is tagged {@code add_item}.
     */
    public static String tag(String className) {
        return className.replaceAll("[\\s,]", "_");
    }

    /**
     * Writes one interval. Each histogram's start and end time stamps (epoch milliseconds) place it.
     */
    public void write(
            Histogram latencyAll,
            List<String> classNames,
            Histogram[] classes,
            Histogram serviceAll,
            Histogram lagAll,
            Histogram waitAll) {
        latency.writer().outputIntervalHistogram(latencyAll);
        for (int i = 0; i < classes.length; i++) {
            classes[i].setTag(tag(classNames.get(i)));
            latency.writer().outputIntervalHistogram(classes[i]);
        }
        service.writer().outputIntervalHistogram(serviceAll);
        lag.writer().outputIntervalHistogram(lagAll);
        wait.writer().outputIntervalHistogram(waitAll);
        latency.stream().flush();
        service.stream().flush();
        lag.stream().flush();
        wait.stream().flush();
    }

    @Override
    public void close() {
        latency.stream().close();
        service.stream().close();
        lag.stream().close();
        wait.stream().close();
    }
}
