package dev.headroom.cli;

import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A run id given on the command line. It names a directory under {@code runs/} and is bound into
 * cleanup SQL, so it is held to the form {@code headroom load} gives ids: letters, digits, '.', '_'
 * and '-', starting with a letter or digit, at most 128 characters: a newline, a slash or ".."
 * never reach a path or a statement.
 */
final class RunIdConverter implements CommandLine.ITypeConverter<String> {
    static final int MAX_LENGTH = 128;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Override
    public String convert(String value) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException(
                    "the run id is empty; give the id headroom load printed, such as shop-20261123-101500-a1b2c3");
        }
        if (value.length() > MAX_LENGTH) {
            throw new CommandLine.TypeConversionException(
                    "a run id has at most " + MAX_LENGTH + " characters, this one " + value.length());
        }
        if (!FORM.matcher(value).matches() || value.contains("..")) {
            throw new CommandLine.TypeConversionException(
                    "'" + TerminalWriter.quoted(value) + "' is not a run id: letters, digits, '.', '_'"
                            + " and '-' only, starting with a letter or digit; give the id headroom load printed,"
                            + " such as shop-20261123-101500-a1b2c3");
        }
        return value;
    }
}
