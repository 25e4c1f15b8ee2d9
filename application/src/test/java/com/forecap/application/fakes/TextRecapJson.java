package com.forecap.application.fakes;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;

/** A JSON port for service tests: lists are the same when their text is, encoding is {@code toString}. */
public final class TextRecapJson implements RecapJsonPort {

    @Override
    public EncodedRecap encode(UserRecap recap) {
        return EncodedRecap.ofJson(recap.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public JsonArrayText storedList(String column) {
        return new JsonArrayText(column);
    }

    @Override
    public boolean sameList(JsonArrayText first, JsonArrayText second) {
        return Objects.equals(first, second);
    }
}
