package dev.headroom.cli;

import dev.headroom.model.spec.FileErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Headroom's command line. Exit codes: 0 success, 1 a failed goal or guard, 2 bad input, 3 a load
 * run whose measurement is invalid (the generator's own lag broke its limit).
 */
@Command(
        name = "headroom",
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        description = "How much headroom does your web system have before its peak?",
        subcommands = {
            SimulateCommand.class,
            LoadCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            CleanupCommand.class,
            ShopCommand.class,
            DemoCommand.class,
            ProfileCommand.class,
            CatalogCommand.class,
            FitCommand.class,
            CalibrateCommand.class,
            DefaultsCommand.class,
            SpofCommand.class,
            PlanCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    /** {@code headroom load}: the generator fell behind its own schedule, so the figures are not the target's. */
    public static final int INVALID_MEASUREMENT = 3;
    /** A fault in Headroom itself (a bug): never a verdict on the system. */
    public static final int INTERNAL_ERROR = 70;
    /** Ctrl-C (SIGINT): what was measured so far is written. */
    public static final int INTERRUPTED = 130;

    /**
     * What each exit code means, the same for {@code simulate}, {@code load}, {@code plan} and
     * {@code spof} (README's table; each command's help lists them with its own words for 0 and 1).
     */
    static Map<String, String> exitCodes(String command) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(
                "0",
                switch (command) {
                    case "load" -> "every guard and threshold held (and the cleanup was verified)";
                    case "plan" -> "a configuration in the space meets the goals: the cheapest is printed";
                    case "spof" -> "no single loss breaks the goals";
                    default -> "the goals were met (or the spec has none)";
                });
        codes.put(
                "1",
                switch (command) {
                    case "load" -> "a guard or threshold failed, or the cleanup was not verified";
                    case "plan" -> "no configuration in the space meets the goals";
                    case "spof" -> "some single loss breaks the goals";
                    default -> "a goal was missed, or the run was cut short";
                });
        codes.put("2", "bad input (spec, scenario or flags; a refused target): nothing was run");
        if (command.equals("load")) {
            codes.put(
                    "3",
                    "MEASUREMENT INVALID: the generator's own lag broke its limit, so the figures are not the target's");
        }
        codes.put("70", "an internal error in Headroom (a bug: please report it with the message)");
        codes.put("130", "interrupted (Ctrl-C)" + (command.equals("load") ? "; what was measured is written" : ""));
        return codes;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given writers; what tests call. */
    public static int execute(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        PrintWriter out = TerminalWriter.of(rawOut);
        PrintWriter err = TerminalWriter.of(rawErr);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        // Help is plain text: the writers escape terminal codes, picocli's styles among them.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (String name : List.of("simulate", "load", "plan", "spof")) {
            cl.getSubcommands()
                    .get(name)
                    .getCommandSpec()
                    .usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(exitCodes(name));
        }
        Optional<String> unknown = unknownCommand(cl, args);
        if (unknown.isPresent()) {
            err.println("headroom: unknown command '" + unknown.get() + "': "
                    + dev.headroom.model.spec.Names.suggest(unknown.get(), commandNames(cl)));
            err.println("Try 'headroom --help'.");
            err.flush();
            return BAD_INPUT;
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("headroom: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'headroom "
                    + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof BadInputException bad) {
                err.println(bad.getMessage());
                return BAD_INPUT;
            }
            Optional<IOException> io = ioCause(ex);
            if (io.isPresent()) {
                // A file the user named cannot be read or written: say which and why, without a trace.
                err.println("headroom " + c.getCommandName() + ": " + describe(io.get()));
                return BAD_INPUT;
            }
            // Anything else is Headroom's own fault: a code of its own, never read as a verdict.
            err.println("headroom " + c.getCommandName() + ": internal error: " + ex);
            for (StackTraceElement e : ex.getStackTrace()) {
                err.println("    at " + e);
            }
            err.println("This is a bug in Headroom; please report it with the lines above.");
            return INTERNAL_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The first word when it is not an option and names no command. picocli takes {@code headroom
     * nosuchcommand --help} for a request of the top-level help, and would exit 0.
     */
    private static Optional<String> unknownCommand(CommandLine cl, String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return Optional.empty();
        }
        return cl.getSubcommands().containsKey(args[0]) ? Optional.empty() : Optional.of(args[0]);
    }

    private static Optional<IOException> ioCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    private static String describe(IOException e) {
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
        return file + FileErrors.reason(e);
    }

    private static List<String> commandNames(CommandLine cl) {
        return cl.getSubcommands().keySet().stream()
                .filter(n -> !n.equals("help"))
                .toList();
    }
}
