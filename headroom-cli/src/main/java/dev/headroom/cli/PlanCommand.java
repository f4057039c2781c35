package dev.headroom.cli;

import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecText;
import dev.headroom.model.spec.YamlDocument;
import dev.headroom.plan.LocalExecutor;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanInputException;
import dev.headroom.plan.PlanSetup;
import dev.headroom.plan.Planner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code headroom plan}: the cheapest configuration of a space that meets the goals, on an honest bill. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Find the cheapest configuration of FILE that meets its goals at the profile times --margin: vary what"
                    + " --vary (or the spec's plan: section) lets vary, rule out what the utilisation law forbids,"
                    + " screen the rest with runs that stop once a goal is lost, cheapest first, and simulate the"
                    + " contenders in full. Same seed, same answer.",
            "VALUES: a list (c5.large,m5.large), an integer range (2..40, 2..40/2) or a catalog filter"
                    + " (instances(family=c5, vcpus<=8), rds(db.r6g.*), cache(cache.r5.*), volumes(gp3)).",
            "Exit codes: 0 a configuration passes, 1 none does (the closest is shown), 2 bad input."
        },
        footer = {
            "",
            "Example: headroom plan examples/shop.yaml --margin 1.5 --vary architecture.pool.instances=2..16 \\",
            "           --vary 'architecture.pool.type=c5.large,c5.xlarge,m5.large' --out shop-planned.yaml"
        })
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecInput input;

    @Option(
            names = "--vary",
            paramLabel = "PATH=VALUES",
            description = "A dimension to vary (repeatable); replaces the plan: section's for the same path.")
    List<String> vary = new ArrayList<>();

    @Option(
            names = "--margin",
            paramLabel = "X",
            description =
                    "The goals must hold at the profile times X (default: the plan: section's, else 1.0; 1.5 = 150%%).")
    String margin;

    @Option(
            names = "--minimise",
            paramLabel = "WHAT",
            description = "event (default: this profile's cost) or monthly (the steady monthly cost).")
    String minimise;

    @Option(
            names = "--survive",
            paramLabel = "WHAT",
            description =
                    "one-failure: the goals must also hold with any single component lost at the peak; none (default).")
    String survive;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed for every run (default: the spec's seed, else 20260101).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Simulations at once (default: the number of cores).")
    Integer threads;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the spec with the chosen values to FILE (comments kept).")
    Path out;

    @Option(
            names = "--json",
            description = "Print the plan as JSON; its overrides field lists the chosen configuration as path=value.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw new BadInputException(
                    "--threads " + threads + ": must be from 1 to 1024\n    fix: leave it out to use"
                            + " every core, or give a number such as --threads 2");
        }
        Path file = input.file;
        Plan plan;
        Planner.Request request;
        try {
            String text = YamlDocument.readFile(file);
            request = PlanSetup.request(file.toString(), text, YamlDocument.baseDirOf(file), input.overrides, flags());
            try (LocalExecutor executor =
                    threads != null && threads > 0 ? new LocalExecutor(threads) : LocalExecutor.onAllCores()) {
                plan = Planner.plan(request, executor);
            }
            if (out != null && plan.chosen().isPresent()) {
                List<String> all = new ArrayList<>(input.overrides);
                all.addAll(plan.chosen().get().values());
                Files.writeString(out, SpecText.withOverrides(file.toString(), text, all), StandardCharsets.UTF_8);
            }
        } catch (SpecException e) {
            throw new BadInputException(e.format());
        } catch (PlanInputException e) {
            throw new BadInputException(e.getMessage());
        }
        PrintWriter w = command.commandLine().getOut();
        if (json) {
            w.println(PlanPrinter.json(plan));
        } else {
            PlanPrinter.print(w, plan, out);
        }
        return plan.chosen().isPresent() ? Main.OK : Main.FAILED;
    }

    private PlanSetup.Flags flags() {
        return new PlanSetup.Flags(
                vary,
                Optional.ofNullable(margin),
                Optional.ofNullable(minimise),
                Optional.ofNullable(survive),
                Optional.ofNullable(seed));
    }
}
