package com.forecap.adapter.out.json;

import java.util.List;

import com.forecap.application.shared.port.out.RecapJsonPort.MalformedListException;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The quick scan may only say "surely an array" where Jackson's parser says so too: compared on random
 * and adversarial texts built from JSON's pieces, broken pieces and odd characters.
 */
class JsonArrayScanTest {

    private final JacksonRecapJson codec = new JacksonRecapJson();
    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);

    private static final List<String> PIECES = List.of("[", "[", "[", "]", "]", "{", "}", ",", ",", ":", "\"a\"", "\"k\":",
            "\"\\u00e9\\n\\\"\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\x\"", "\"\\u12G4\"", "\"", "\\", "1", "-0", "0",
            "01", "-", "1.5e3", "1.", ".5", "2E+9", "1e", "+1", "true", "tru", "truex", "false", "null", "nul", "NaN",
            " ", "\n", "\r", "\t", "\u00A0", "\uFEFF", "\u0001", "\u0000", "\u00e9", "\uD83D\uDE00", "\uD83D", "//", "/*x*/",
            "'a'", "x", "123456789012345678901234567890");

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.of(PIECES).list().ofMinSize(0).ofMaxSize(24)
                .map(pieces -> String.join("", pieces));
    }

    @Property(tries = 10_000)
    void what_the_scan_vouches_for_the_parser_accepts(@ForAll("jsonish") String text) {
        if (JsonArrayScan.surelyArray(text)) {
            assertThat(codec.parsedList(text).json()).isEqualTo(text);
        }
    }

    @Property(tries = 3_000)
    void the_scan_vouches_for_the_list_columns_of_synthetic_recaps(@ForAll @LongRange(min = 1, max = 10_000_000) long id) {
        UserRecap recap = synthetic.recapOf(UserId.of(id));
        for (var list : new com.forecap.domain.recap.JsonArrayText[] {recap.listCircularImages(), recap.listProductFavorite(),
                recap.listFavoriteStore()}) {
            if (list != null) {
                assertThat(JsonArrayScan.surelyArray(list.json())).as(list.json()).isTrue();
                assertThat(codec.parsedList(list.json())).isEqualTo(list);
            }
        }
    }

    @Example
    void plain_lists_are_vouched_for() {
        for (String text : List.of("[]", " [ ] ", "[1,-2.5e-3,0,true,false,null]", "[{\"a\":[{}],\"b\":\"\\u00e9\\\"\\/\"}]",
                "[\"Kopi \u00e9\"]\n", "[[[[]]]]")) {
            assertThat(JsonArrayScan.surelyArray(text)).as(text).isTrue();
        }
    }

    @Example
    void anything_unusual_is_left_to_the_parser_which_still_decides() {
        for (String text : List.of("", "[", "]", "{}", "[1,]", "[01]", "[1.]", "[.5]", "[+1]", "[NaN]", "[\"a\u0001\"]",
                "[\"\\x\"]", "[] x", "[][]", "[tru]", "[truex]", "['a']", "\uFEFF[]", "[\"\uD83D\uDE00\"]", "[1]//")) {
            assertThat(JsonArrayScan.surelyArray(text)).as(text).isFalse();
        }
        assertThat(codec.storedList("[\"\uD83D\uDE00\"]").json()).isEqualTo("[\"\uD83D\uDE00\"]");
        assertThatThrownBy(() -> codec.storedList("[1,]")).isInstanceOf(MalformedListException.class);
        assertThatThrownBy(() -> codec.storedList("[] x")).isInstanceOf(MalformedListException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Example
    void nesting_as_deep_as_the_parser_allows_and_no_deeper() {
        String deepest = "[".repeat(JacksonRecapJson.MAX_NESTING - 1) + "]".repeat(JacksonRecapJson.MAX_NESTING - 1);
        assertThat(JsonArrayScan.surelyArray(deepest)).isTrue();
        String tooDeep = "[".repeat(JacksonRecapJson.MAX_NESTING + 1) + "]".repeat(JacksonRecapJson.MAX_NESTING + 1);
        assertThat(JsonArrayScan.surelyArray(tooDeep)).isFalse();
        assertThatThrownBy(() -> codec.storedList(tooDeep)).isInstanceOf(MalformedListException.class);
    }
}
