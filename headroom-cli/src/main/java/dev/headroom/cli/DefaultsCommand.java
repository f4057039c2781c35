package dev.headroom.cli;

import dev.headroom.model.spec.Defaults;
import dev.headroom.model.spec.Limits;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints every default a spec may leave out, and every bound its numbers are held to, with the reasons. */
@Command(
        name = "defaults",
        mixinStandardHelpOptions = true,
        description = "Print the defaults a spec may leave out, and the bounds its numbers are held to.")
final class DefaultsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Defaults.describe());
        out.println();
        out.println("bounds (a larger value is refused with its location):");
        out.println(Limits.describe());
        return Main.OK;
    }
}
