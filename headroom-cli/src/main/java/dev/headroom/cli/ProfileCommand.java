package dev.headroom.cli;

import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.profile.Replay;
import dev.headroom.model.profile.Shape;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.YamlDocument;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.workload.Arrivals;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code headroom profile}: the traffic profile of a spec, in figures and as a chart. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description =
                "Print the traffic profile of FILE (a spec or a load scenario): peak, mean, expected requests, duration, and a"
                        + " chart of rate over time.")
final class ProfileCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecInput input;

    @Option(
            names = "--height",
            paramLabel = "ROWS",
            defaultValue = "12",
            description = "Chart height in rows (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(
            names = "--width",
            paramLabel = "COLS",
            description = "Chart width in columns (default: fit the terminal, 100 columns).")
    Integer width;

    @Override
    public Integer call() {
        if (height < 2 || height > 100) {
            throw new BadInputException(
                    "--height " + height + ": must be between 2 and 100\n    fix: use the default, 12");
        }
        Traffic traffic = traffic();
        Profile p = traffic.profile();
        PrintWriter out = command.commandLine().getOut();
        double duration = p.durationSeconds();
        out.println("profile of " + input.file
                + (p.scale() != 1.0 ? " (scaled " + Quantities.formatFactor(p.scale()) + ")" : ""));
        out.println(String.format(Locale.US, "  duration   %s", Quantities.formatDuration(Math.round(duration * 1e9))));
        out.println(String.format(Locale.US, "  peak       %s", rate(p.peakRate())));
        // Integrated in 50 ms steps up to a day-long phase, in at most 2 million steps beyond: fast for 400 days.
        double requests = p.approximateArrivals(0, duration, 2_000_000);
        out.println(String.format(Locale.US, "  mean       %s", rate(requests / duration)));
        out.println(String.format(Locale.US, "  requests   %,.0f expected", requests));
        out.println("  arrivals   " + traffic.arrivals().name().toLowerCase(Locale.ROOT));
        out.println("  phases     "
                + p.phases().stream().map(ProfileCommand::describe).collect(Collectors.joining(", then ")));
        out.println();
        int cols = width != null ? width : Terminal.width();
        new RateChart(p, height, Math.max(20, cols - 12)).print(out);
        return Main.OK;
    }

    /** The traffic to print: an architecture spec's workload, or a load scenario's open model. */
    private record Traffic(Profile profile, Arrivals arrivals) {}

    private Traffic traffic() {
        String text;
        try {
            text = YamlDocument.readFile(input.file);
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        }
        if (!ScenarioLoader.isScenario(input.file.toString(), text)) {
            Spec spec = input.load();
            return new Traffic(spec.workload().profile(), spec.workload().arrivals());
        }
        LoadModel model;
        try {
            model = ScenarioLoader.workload(input.file, input.overrides);
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        }
        if (model instanceof LoadModel.Open open) {
            return new Traffic(open.profile(), open.arrivals());
        }
        throw new BadInputException(input.file + ": workload.model = 'closed': a closed model has no traffic profile"
                + " (its users send as fast as responses and think time allow)\n"
                + "    fix: profile an open-model scenario, whose workload has a profile");
    }

    private static String describe(Shape s) {
        String d = s.kind() + " " + Quantities.formatDuration(Math.round(s.durationSeconds() * 1e9));
        return s instanceof Replay r
                ? d + " of " + r.source() + " (" + r.points().size() + " points)"
                : d;
    }

    static String rate(double perSecond) {
        return perSecond >= 100
                ? String.format(Locale.US, "%,.0f/s", perSecond)
                : String.format(Locale.US, "%.2f/s", perSecond);
    }
}
