package com.forecap.domain.user;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserIdTest {

    @Property
    void every_id_in_range_round_trips_through_its_text(@ForAll @LongRange(min = 1, max = 4_294_967_295L) long value) {
        UserId id = UserId.of(value);
        assertThat(UserId.parse(id.toString())).contains(id);
    }

    @Property
    void numbers_outside_the_range_are_refused(@ForAll("outOfRange") long value) {
        assertThat(UserId.parse(Long.toString(value))).isEmpty();
        assertThatThrownBy(() -> UserId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Long> outOfRange() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, 0),
                Arbitraries.longs().between(4_294_967_296L, Long.MAX_VALUE));
    }

    @Property
    void any_text_with_a_non_digit_is_refused(@ForAll @StringLength(min = 1, max = 12) String text) {
        boolean allDigits = text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!allDigits) {
            assertThat(UserId.parse(text)).isEmpty();
        }
    }

    @Property
    void parse_never_throws(@ForAll String text) {
        UserId.parse(text);
    }

    @Property
    void the_allocation_free_value_is_what_parse_gives(@ForAll("idLikeTexts") String text) {
        assertThat(UserId.parseValue(text)).isEqualTo(UserId.parse(text).map(UserId::value).orElse(0L));
    }

    @Provide
    Arbitrary<String> idLikeTexts() {
        Arbitrary<String> numbers = Arbitraries.longs().between(-5, 5_000_000_000L).map(n -> Long.toString(n));
        Arbitrary<String> digitsAndOthers = Arbitraries.strings().withChars("0123456789+- a").ofMinLength(0).ofMaxLength(12);
        return Arbitraries.oneOf(numbers, digitsAndOthers);
    }

    @Example
    void the_contract_examples() {
        assertThat(UserId.parse("1")).contains(UserId.of(1));
        assertThat(UserId.parse("4294967295")).contains(UserId.of(4_294_967_295L));
        assertThat(UserId.parse("4294967296")).isEmpty();
        assertThat(UserId.parse("99999999999")).isEmpty();
        assertThat(UserId.parse("abc")).isEmpty();
        assertThat(UserId.parse("-1")).isEmpty();
        assertThat(UserId.parse("+1")).isEmpty();
        assertThat(UserId.parse(" 1")).isEmpty();
        assertThat(UserId.parse("1 ")).isEmpty();
        assertThat(UserId.parse("0")).isEmpty();
        assertThat(UserId.parse("01")).isEmpty();
        assertThat(UserId.parse("")).isEmpty();
        assertThat(UserId.parse(null)).isEmpty();
        assertThat(UserId.parse("١٢")).as("Arabic-Indic digits").isEmpty();
    }
}
