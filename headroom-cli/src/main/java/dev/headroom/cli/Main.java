package dev.headroom.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Headroom's command line. Exit codes: 0 success, 1 a failed goal or guard, 2 bad input.
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
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

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
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
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
            throw ex;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
