package dev.headroom.model.spec;

import static dev.headroom.model.spec.Specs.SHOP;
import static dev.headroom.model.spec.Specs.edit;
import static dev.headroom.model.spec.Specs.problem;
import static dev.headroom.model.spec.Specs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Inputs built to break a YAML loader: each must come back as located problems, quickly. */
@Timeout(10)
class HostileInputTest {

    @Test
    void deepNesting_isAProblemNotAStackOverflow() {
        // 30,000 deep keeps the line under the line-length bound, so the nesting limit is what trips.
        Problem p = problem("workload: " + "[".repeat(30_000) + "]".repeat(30_000) + "\n");

        assertThat(p.rule()).startsWith("YAML syntax error").contains("Nesting Depth");
    }

    @Test
    void billionLaughs_isRefusedBeforeItExpands() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))));
            yaml.append("]\n");
        }

        Problem p = problem(yaml.toString());

        assertThat(p.rule()).startsWith("YAML syntax error");
    }

    @Test
    void selfContainingAnchors_inTheFile_areReadAsValuesOfTheWrongKind() {
        List<Problem> found = problems("workload: &w {profile: *w, classes: *w}\narchitecture: &a [*a]\n");

        assertThat(found).isNotEmpty().allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(found).extracting(Problem::path).contains("architecture", "workload.profile", "workload.classes");
    }

    @Test
    void oneAliasedValueOfTheWrongKind_isReportedWhereverItIsUsed() {
        List<Problem> found = problems("workload: &x [1, 2]\narchitecture: *x\n");

        assertThat(found)
                .extracting(Problem::path, Problem::rule)
                .containsExactly(
                        tuple("workload", "must be a mapping of keys to values"),
                        tuple("architecture", "must be a mapping of keys to values"));
    }

    @Test
    void severalDocuments_areASyntaxErrorAtTheSecond() {
        Problem p = problem(SHOP + "---\nname: second\n");

        assertThat(p.line()).isEqualTo(31);
        assertThat(p.rule()).contains("expected a single document");
    }

    @Test
    void windowsLineEndings_keepLinesAndColumns() {
        Problem p = problem(edit(SHOP, "timeout: 10s", "timeout: 30").replace("\n", "\r\n"));

        assertThat(p.line()).isEqualTo(23);
        assertThat(p.column()).isEqualTo(22);
        assertThat(p.sourceLine()).isEqualTo("  client: { timeout: 30 }");
    }

    @Test
    void byteOrderMark_isAccepted() throws SpecException {
        assertThat(Specs.load("\uFEFF" + SHOP).name()).isEqualTo("shop");
    }

    @Test
    void keysThatAreNotNames_areReported() {
        Problem p = problem(edit(SHOP, "name: shop", "? [a, b]\n: 1\nname: shop"));

        assertThat(p.rule()).isEqualTo("keys must be plain names");
        assertThat(p.line()).isEqualTo(3);
    }

    @Test
    void controlCharacters_areASyntaxErrorAtTheirPlace() {
        Problem p = problem(edit(SHOP, "name: shop", "name: sh\u0007op"));

        assertThat(p)
                .extracting(Problem::line, Problem::column, Problem::value, Problem::sourceLine)
                .containsExactly(3, 9, "U+0007", "name: sh\u0007op");
        assertThat(p.rule()).startsWith("YAML syntax error");
    }

    @Test
    void aForbiddenCharacterFarIntoTheFile_isLocatedAtItsLineAndColumn() {
        String padding = "# a comment line to push the character past the reader's buffer\n".repeat(300);

        Problem p = problem(padding + "name: \uD83D\uDE00 x\u0001\n" + SHOP);

        assertThat(p).extracting(Problem::line, Problem::column, Problem::value).containsExactly(301, 10, "U+0001");
    }
}
