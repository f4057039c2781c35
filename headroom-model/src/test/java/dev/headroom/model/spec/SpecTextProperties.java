package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.model.spec.SpecTextTest.Example;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sets of overrides, drawn from the paths and values each example accepts (its own and the
 * common ones, in any order, repeats allowed): the written spec loads to exactly the spec that the
 * original loads to with the overrides, and keeps every comment when it was edited in place.
 */
class SpecTextProperties {

    record Case(Example example, List<String> overrides) {}

    @Property(tries = 300)
    void withOverrides_loadsToTheSameSpecAsTheOverrides(@ForAll("cases") Case c) throws SpecException {
        Example ex = c.example();
        String text = ex.text();
        String source = ex.file.toString();
        String out = SpecText.withOverrides(source, text, c.overrides());

        SpecException invalid = catchThrowableOfType(
                SpecException.class,
                () -> SpecLoader.parse(source, text, c.overrides(), YamlDocument.baseDirOf(ex.file)));
        Statistics.collect(invalid == null ? "loads" : "rejected by the loader");
        if (invalid != null) {
            // Some mixes make a spec the loader rejects: then the written spec must be rejected too.
            assertThat(catchThrowableOfType(
                            SpecException.class,
                            () -> SpecLoader.parse(source, out, List.of(), YamlDocument.baseDirOf(ex.file))))
                    .as("%s is rejected with the overrides, so the written spec must be too", c)
                    .isNotNull();
            return;
        }
        Spec expected = SpecLoader.parse(source, text, c.overrides(), YamlDocument.baseDirOf(ex.file));
        assertThat(SpecLoader.parse(source, out, List.of(), YamlDocument.baseDirOf(ex.file)))
                .as("%s", c)
                .isEqualTo(expected);
        assertThat(out).as("%s is edited in place", c).doesNotStartWith(SpecText.REWRITTEN_NOTE);
        assertThat(Example.commentLines(out)).isEqualTo(Example.commentLines(text));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(Example.values())
                .flatMap(ex -> Arbitraries.of(ex.all()).list().ofMaxSize(6).map(list -> new Case(ex, list)));
    }
}
