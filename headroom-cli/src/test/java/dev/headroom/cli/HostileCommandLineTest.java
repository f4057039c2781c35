package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad command lines and bad files, as a hostile or careless user gives them: each is a plain
 * message and exit 2, never a stack trace or an exception's class name, and nothing printed can
 * drive the terminal.
 */
class HostileCommandLineTest {
    @TempDir
    Path dir;

    private static void assertPlain(CliRun run) {
        String all = run.out() + run.err();
        assertThat(all).doesNotContain("Exception", "\tat ", "\u001b");
    }

    @Test
    void unknownCommand_withHelp_isRefusedWithTheValidCommands() {
        CliRun run = CliRun.of("nosuchcommand", "--help");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("unknown command 'nosuchcommand'")
                .contains("simulate", "load", "cleanup", "demo");
    }

    @Test
    void misspeltCommand_suggestsTheClosest() {
        CliRun run = CliRun.of("simulat", "examples/shop.yaml");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("did you mean 'simulate'?");
    }

    @Test
    void topLevelHelp_stillExitsZero() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("simulate").doesNotContain("\u001b");
    }

    @Test
    void fit_onABinaryFile_saysItIsNotText() throws Exception {
        Path binary = dir.resolve("levels.csv");
        byte[] bytes = new byte[4096];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never the start of a UTF-8 sequence
        Files.write(binary, bytes);

        CliRun run = CliRun.of("fit", binary.toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains(binary.toString()).contains("not UTF-8 text");
        assertPlain(run);
    }

    @Test
    @Timeout(60)
    void shop_withADatabaseThatDoesNotAnswer_exitsTwo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        CliRun run = CliRun.of("shop", "--port", "0", "--db-url", "jdbc:postgresql://127.0.0.1:" + closed + "/test");

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("cannot use the database").contains(String.valueOf(closed));
        assertPlain(run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "../../etc", "run/../../x", "-rf", "a b", "\u001b[2J", ""})
    void cleanup_refusesARunIdThatIsNotOne(String id) throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "name: s\n");

        CliRun run = CliRun.of("cleanup", "--run", id, scenario.toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("--run");
        assertPlain(run);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void simulate_aDirectoryOrAMissingFile_namesTheReasonNotTheException() {
        CliRun directory = CliRun.of("simulate", dir.toString());
        CliRun missing = CliRun.of("simulate", dir.resolve("nope.yaml").toString());

        assertThat(directory.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(directory.err()).contains("it is a directory");
        assertThat(missing.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.err()).contains("nope.yaml").contains("no such file");
        assertPlain(directory);
        assertPlain(missing);
    }

    @Test
    void namesFromTheSpec_cannotDriveTheTerminal() throws Exception {
        Path spec = dir.resolve("evil.yaml");
        Files.writeString(
                spec,
                """
                name: "evil\\e]0;title\\a"
                workload:
                  profile: { constant: { rate: 50/s, duration: 5s } }
                  classes:
                    - name: "read\\e[2J\\e[H\\r\\x9b"
                      cpu: 2ms
                    - name: write
                      cpu: 3ms
                architecture:
                  pool: { instances: 1, cores: 1, workers: 8 }
                """);

        CliRun run = CliRun.of(
                "simulate", spec.toString(), "--out", dir.resolve("run").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("read\\e[2J\\e[H\\r\\x9b");
        String all = run.out() + run.err();
        assertThat(all.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)))
                .isEmpty();
    }
}
