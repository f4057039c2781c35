package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CookiesTest {
    /** Names are RFC 6265 tokens and values cookie-octets; letters, digits and - _ cover both. */
    @Property
    void aCookieAmongOthers_isFoundWithItsValue(
            @ForAll @Size(max = 6)
                    Map<
                                    @AlphaChars @NotEmpty @StringLength(max = 12) String,
                                    @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
                                    @CharRange(from = '-', to = '-') String>
                            others,
            @ForAll
                    @CharRange(from = 'A', to = 'Z')
                    @CharRange(from = '0', to = '9')
                    @CharRange(from = '_', to = '_')
                    @StringLength(max = 43)
                    String value) {
        others.remove("shop_session");
        String header = others.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        String withSession = header.isEmpty() ? "shop_session=" + value : header + "; shop_session=" + value;
        assertThat(Cookies.value(List.of(withSession), "shop_session")).hasValue(value);
        assertThat(Cookies.value(header.isEmpty() ? List.of() : List.of(header), "shop_session"))
                .isEmpty();
    }

    @Test
    void theFirstOfTwo_andAQuotedValue_andAPrefixIsNotAMatch() {
        assertThat(Cookies.value(List.of("a=1", "shop_session=s1; shop_session=s2"), "shop_session"))
                .hasValue("s1");
        assertThat(Cookies.value(List.of("shop_session=\"q\""), "shop_session")).hasValue("q");
        assertThat(Cookies.value(List.of("my_shop_session=x; shop_sessionx=y"), "shop_session"))
                .isEmpty();
        assertThat(Cookies.value(null, "shop_session")).isEmpty();
    }
}
