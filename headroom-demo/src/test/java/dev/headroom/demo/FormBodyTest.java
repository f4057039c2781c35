package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FormBodyTest {
    @Property
    void anyFieldsEncodedAsABrowserDoes_parseBackToTheSameFields(
            @ForAll @Size(max = 8) Map<@NotEmpty String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        assertThat(FormBody.parse(body)).containsExactlyEntriesOf(fields);
    }

    @Property
    void anyText_parsesOrFailsWithTheFieldAndTheFix(@ForAll String body) {
        try {
            FormBody.parse(body);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("has a malformed % escape").contains("%XX");
        }
    }

    @Test
    void aNameTwice_keepsTheFirst_andANameAlone_isEmpty() {
        assertThat(FormBody.parse("item=3&item=4&flag&&quantity=2"))
                .containsExactly(Map.entry("item", "3"), Map.entry("flag", ""), Map.entry("quantity", "2"));
        assertThat(FormBody.parse("customer=c+1%21")).containsEntry("customer", "c 1!");
    }

    @Test
    void aBrokenEscape_namesTheField() {
        assertThatThrownBy(() -> FormBody.parse("a=1&customer=%zz"))
                .hasMessageContaining("'customer=%zz'")
                .hasMessageContaining("two hex digits");
    }
}
