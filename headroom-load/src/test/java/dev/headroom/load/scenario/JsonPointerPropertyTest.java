package dev.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.model.units.QuantityException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The extract parsers: a JSON pointer is accepted exactly when RFC 6901 allows it; a regex needs one group. */
class JsonPointerPropertyTest {

    @Provide
    Arbitrary<String> pointers() {
        return Arbitraries.strings().withChars("/~01ab").ofMaxLength(12);
    }

    @Property
    void aPointer_isAcceptedExactlyWhenItIsRfc6901(@ForAll("pointers") String text) {
        boolean valid = text.isEmpty()
                || (text.startsWith("/") && text.replaceAll("~[01]", "").indexOf('~') < 0);
        if (valid) {
            assertThat(JourneyReader.pointer(text)).isEqualTo(text);
        } else {
            assertThatThrownBy(() -> JourneyReader.pointer(text))
                    .isInstanceOf(QuantityException.class)
                    .satisfies(e -> assertThat(((QuantityException) e).fix()).isNotBlank());
        }
    }

    @Property
    void aRegex_needsExactlyOneCapturingGroup(@ForAll("groups") int groups) {
        String regex = "a" + "(x)".repeat(groups) + "(?:y)";
        if (groups == 1) {
            assertThat(JourneyReader.regex(regex).pattern()).isEqualTo(regex);
        } else {
            assertThatThrownBy(() -> JourneyReader.regex(regex)).hasMessageContaining(groups + " capturing groups");
        }
    }

    @Provide
    Arbitrary<Integer> groups() {
        return Arbitraries.integers().between(0, 4);
    }
}
