package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TerminalWriterTest {

    private static boolean drivesTheTerminal(int c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    @Property(tries = 2000)
    void whateverIsPrinted_noControlCharacterReachesTheTerminal(
            @ForAll @StringLength(max = 80) @CharRange(from = 0, to = 0x2100) @Chars({'\u202e', '\u2066'})
                    String text) {
        String input = text.replace("\\", "");
        StringWriter sink = new StringWriter();
        PrintWriter w = TerminalWriter.of(new PrintWriter(sink));

        w.print(input);
        w.println(input.toCharArray());
        w.printf("%s|%s", input, input);
        w.flush();

        String escaped = TerminalWriter.escape(input);
        assertThat(sink.toString()).isEqualTo(escaped + escaped + System.lineSeparator() + escaped + "|" + escaped);
        assertThat(escaped.chars().filter(TerminalWriterTest::drivesTheTerminal))
                .isEmpty();
        // Printable text is kept as it is; only what would drive the terminal is written out.
        String printable = input.chars()
                .filter(c -> !drivesTheTerminal(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        assertThat(escaped.replaceAll("\\\\(e|r|b|a|x[0-9a-f]{2}|u[0-9a-f]{4})", ""))
                .isEqualTo(printable);
    }

    @Test
    void escapes_areReadable() {
        assertThat(TerminalWriter.escape("a\u001b[2Jb\rc\u0000d\u009be\u202ef\n"))
                .isEqualTo("a\\e[2Jb\\rc\\x00d\\x9be\\u202ef\n");
        assertThat(TerminalWriter.quoted("a\nb\tc")).isEqualTo("a\\nb\\tc");
    }

    @Test
    void raw_keepsHeadroomsOwnCodesInPlace() {
        StringWriter sink = new StringWriter();
        PrintWriter w = TerminalWriter.of(new PrintWriter(sink));

        w.print("before ");
        TerminalWriter.raw(w, "\u001b[31;1m");
        w.print("GOALS MISSED\u001b[0m");
        TerminalWriter.raw(w, "\u001b[0m");
        w.println();
        w.flush();

        assertThat(sink.toString())
                .isEqualTo("before \u001b[31;1mGOALS MISSED\\e[0m\u001b[0m" + System.lineSeparator());
    }

    @Test
    void wrappingTwice_escapesOnce() {
        StringWriter sink = new StringWriter();
        PrintWriter once = TerminalWriter.of(new PrintWriter(sink));

        assertThat(TerminalWriter.of(once)).isSameAs(once);
    }
}
