package dev.headroom.cli;

import dev.headroom.model.spec.Defaults;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints every default a spec may leave out, with the reason for its value. */
@Command(name = "defaults", mixinStandardHelpOptions = true, description = "Print the defaults a spec may leave out.")
final class DefaultsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Defaults.describe());
        return Main.OK;
    }
}
