package dev.headroom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/**
 * The writer every command prints through. Names in specs, scraped metric labels, run files and a
 * target's answers reach the terminal, so whatever is printed has its control characters escaped
 * ({@code ESC[2J} prints as {@code \e[2J} and clears nothing); only a newline, a tab and the
 * platform's line separator pass. Headroom's own colours and progress line go through {@link #raw},
 * which nothing from outside can reach.
 */
final class TerminalWriter extends PrintWriter {
    private final Writer target;

    private TerminalWriter(Writer target) {
        super(new Escaping(target), true);
        this.target = target;
    }

    /** {@code out} behind escaping, or {@code out} itself when it escapes already. */
    static TerminalWriter of(PrintWriter out) {
        return out instanceof TerminalWriter t ? t : new TerminalWriter(out);
    }

    /** Writes Headroom's own terminal codes as they are: a colour, a carriage return, an erase. */
    void raw(String codes) {
        synchronized (lock) {
            try {
                target.write(codes);
            } catch (IOException e) {
                setError();
            }
        }
    }

    /** Prints {@code codes} raw when {@code out} is a terminal writer, else nothing. */
    static void raw(PrintWriter out, String codes) {
        if (out instanceof TerminalWriter t) {
            t.raw(codes);
        }
    }

    /** {@code text} with every control character written out, as the writer prints it. */
    static String escape(CharSequence text) {
        StringBuilder sb = new StringBuilder(text.length());
        appendEscaped(text, 0, text.length(), sb);
        return sb.toString();
    }

    /** {@code text} on one line: newlines and tabs written out too, for a value quoted in a message. */
    static String quoted(CharSequence text) {
        return escape(text).replace("\n", "\\n").replace("\t", "\\t");
    }

    private static void appendEscaped(CharSequence text, int from, int to, StringBuilder sb) {
        String separator = System.lineSeparator();
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\r' && separator.equals("\r\n") && i + 1 < to && text.charAt(i + 1) == '\n') {
                sb.append(c);
            } else if (passes(c)) {
                sb.append(c);
            } else {
                sb.append(escaped(c));
            }
        }
    }

    private static boolean passes(char c) {
        if (c == '\n' || c == '\t') {
            return true;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return false;
        }
        // Bidirectional overrides and isolates reorder what follows them on the screen.
        return !(c >= '\u202a' && c <= '\u202e') && !(c >= '\u2066' && c <= '\u2069');
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\u001b' -> "\\e";
            case '\r' -> "\\r";
            case '\b' -> "\\b";
            case '\u0007' -> "\\a";
            default -> String.format(Locale.US, c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c);
        };
    }

    /** Escapes on the way through; writes at once, so raw codes keep their place in the output. */
    private static final class Escaping extends Writer {
        private final Writer target;

        Escaping(Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            if (clean(buf, off, len)) {
                target.write(buf, off, len);
                return;
            }
            StringBuilder sb = new StringBuilder(len + 8);
            appendEscaped(java.nio.CharBuffer.wrap(buf, off, len), 0, len, sb);
            target.write(sb.toString());
        }

        private static boolean clean(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c < 0x20 ? c != '\n' && c != '\t' : c >= 0x7f && !passes(c)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
