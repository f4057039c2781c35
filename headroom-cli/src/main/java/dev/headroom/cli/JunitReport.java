package dev.headroom.cli;

import dev.headroom.analysis.Findings;
import dev.headroom.analysis.GoalResult;
import dev.headroom.analysis.Verdict;
import dev.headroom.model.run.CleanupResult;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run's rules as a JUnit XML report: one test case per goal (a simulation) or per guard,
 * threshold and lag limit (a load test, and its cleanup proof), failed when the rule failed, with
 * the observed value in the message and in a property. A measured run whose generator broke its
 * lag limit has invalid figures: its other rules are errors, neither passed nor failed. A run cut
 * short is an error too, whatever its figures.
 */
final class JunitReport {
    /** One test case: {@code failure} or {@code error} (at most one) says why it did not pass. */
    record Case(String classname, String name, double observed, String unit, String failure, String error) {}

    private JunitReport() {}

    /** The test cases of a simulation: one per goal, judged as the findings judged it. */
    static List<Case> ofSimulation(Run run, Findings findings) {
        String suite = "headroom.simulate." + safe(run.metadata().name());
        boolean partial = findings.verdict().outcome().equals(Verdict.PARTIAL);
        List<Case> cases = new ArrayList<>();
        for (GoalResult g : findings.verdict().goals()) {
            String name = "goal " + g.goal() + " <= " + number(display(g.bound(), g.unit())) + " " + unit(g.unit());
            String why = String.format(
                    Locale.ROOT,
                    "%s over the whole run %s %s (bound %s %s); %d of %d intervals broke it",
                    g.goal(),
                    number(display(g.overall(), g.unit())),
                    unit(g.unit()),
                    number(display(g.bound(), g.unit())),
                    unit(g.unit()),
                    g.intervalsBroken(),
                    g.intervalsJudged());
            cases.add(new Case(
                    suite + ".goals",
                    name,
                    display(g.overall(), g.unit()),
                    unit(g.unit()),
                    !partial && !g.met() ? why : null,
                    partial ? "the run was cut short: nothing in it is a pass (" + why + ")" : null));
        }
        return cases;
    }

    /** The test cases of a load test: its guards, thresholds and lag limit as it judged them, and its cleanup. */
    static List<Case> ofMeasurement(Run run) {
        Measurement m = run.measurement();
        String suite = "headroom.load." + safe(run.metadata().name());
        boolean invalid = m.invalid();
        boolean interrupted = m.status().equals("interrupted");
        List<Case> cases = new ArrayList<>();
        for (Measurement.Verdict v : m.verdicts()) {
            String observed = "observed " + number(v.observed()) + v.unit();
            boolean lag = v.kind().equals(Measurement.Verdict.LAG_LIMIT);
            String error = null;
            if (interrupted) {
                error = "the run was interrupted: nothing in it is a pass (" + observed + ")";
            } else if (invalid && !lag) {
                error = "measurement invalid: the generator's own lag broke its limit, so this figure is not the"
                        + " target's (" + observed + ")";
            }
            String failure = error == null && !v.passed() ? v.rule() + ": " + observed : null;
            cases.add(new Case(suite + "." + v.kind(), v.rule(), v.observed(), v.unit(), failure, error));
        }
        CleanupResult c = m.cleanup();
        if (c != null) {
            cases.add(new Case(
                    suite + ".cleanup",
                    "synthetic data removed",
                    c.verified() ? 1 : 0,
                    "",
                    c.verified() ? null : "the cleanup was not verified: " + c.status(),
                    null));
        }
        return cases;
    }

    /** Writes the report: one suite of {@code cases} named after the run, that took {@code seconds} (wall clock). */
    static void write(Path file, Run run, double seconds, List<Case> cases) throws IOException {
        Files.writeString(file, xml(run, seconds, cases), StandardCharsets.UTF_8);
    }

    static String xml(Run run, double seconds, List<Case> cases) {
        long failures = cases.stream().filter(c -> c.failure() != null).count();
        long errors = cases.stream().filter(c -> c.error() != null).count();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "headroom");
            counts(x, cases.size(), failures, errors, seconds);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute(
                    "name",
                    "headroom " + run.metadata().kind() + " " + run.metadata().name());
            counts(x, cases.size(), failures, errors, seconds);
            x.writeAttribute("skipped", "0");
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "run", run.metadata().id());
            property(x, "spec", run.metadata().specFile());
            property(x, "seed", Long.toString(run.metadata().seed()));
            property(x, "headroom", run.metadata().version());
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (Case c : cases) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", c.classname());
                x.writeAttribute("name", c.name());
                x.writeAttribute("time", "0");
                x.writeCharacters("\n      ");
                x.writeStartElement("properties");
                property(x, "observed", number(c.observed()));
                property(x, "unit", c.unit());
                x.writeEndElement();
                if (c.failure() != null || c.error() != null) {
                    x.writeCharacters("\n      ");
                    x.writeStartElement(c.failure() != null ? "failure" : "error");
                    String message = c.failure() != null ? c.failure() : c.error();
                    x.writeAttribute("message", message);
                    x.writeAttribute(
                            "type", c.classname().substring(c.classname().lastIndexOf('.') + 1));
                    x.writeCharacters(message);
                    x.writeEndElement();
                }
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        return text.toString();
    }

    private static void counts(XMLStreamWriter x, long tests, long failures, long errors, double seconds)
            throws XMLStreamException {
        x.writeAttribute("tests", Long.toString(tests));
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("errors", Long.toString(errors));
        x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value == null ? "" : value);
    }

    /** A goal on errors is a fraction of requests; shown as a percentage. */
    private static double display(double value, String unit) {
        return unit.equals("fraction") ? value * 100 : value;
    }

    private static String unit(String unit) {
        return unit.equals("fraction") ? "%" : unit;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A run name as a dotted class name's part: letters, digits, dashes and underscores. */
    private static String safe(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9_-]+", "_");
        return s.isEmpty() ? "run" : s;
    }
}
