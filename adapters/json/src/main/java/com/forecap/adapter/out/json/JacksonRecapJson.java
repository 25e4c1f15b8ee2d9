package com.forecap.adapter.out.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;

/**
 * Writes the contract's JSON with Jackson's streaming generator, field by field, no reflection; the
 * stored list columns are checked with the streaming parser (tokens skipped, nothing built) and copied
 * into the answer as they are; a quick scan ({@link JsonArrayScan}) vouches for the plain ones first, so
 * the parser is set up only for the others (an import checks three columns a row). Thread-safe.
 */
public final class JacksonRecapJson implements RecapJsonPort {

    /** Longest list column accepted, in characters: a list column is a few hundred bytes in practice. */
    static final int MAX_COLUMN_LENGTH = 64 * 1024;
    /** Deepest nesting accepted in a list column. */
    static final int MAX_NESTING = 32;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    private final ObjectMapper trees = new ObjectMapper(factory);

    @Override
    public EncodedRecap encode(UserRecap recap) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("userName", recap.userName());
            json.writeNumberField("trxCount", recap.trxCount());
            writeIfPresent(json, "variantCount", recap.variantCount());
            writeIfPresent(json, "totalPoint", recap.totalPoint());
            writeIfPresent(json, "totalPointDescription", recap.totalPointDescription());
            writeIfPresent(json, "totalPointPossibleRedeem", recap.totalPointPossibleRedeem());
            writeIfPresent(json, "totalPointProductName", recap.totalPointProductName());
            writeIfPresent(json, "totalPointImage", recap.totalPointImage());
            writeIfPresent(json, "deliveryCount", recap.deliveryCount());
            writeIfPresent(json, "pickupCount", recap.pickupCount());
            writeIfPresent(json, "cheaperSubsDesc", recap.cheaperSubsDesc());
            if (recap.cheaperSubsAmount() != null) {
                json.writeNumberField("cheaperSubsAmount", plain(recap.cheaperSubsAmount()));
            }
            writeIfPresent(json, "topRanking", recap.topRanking());
            writeIfPresent(json, "listCircularImages", recap.listCircularImages());
            writeIfPresent(json, "listProductFavorite", recap.listProductFavorite());
            writeIfPresent(json, "listFavoriteStore", recap.listFavoriteStore());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode recap", e);
        }
        return EncodedRecap.ofJson(out.toByteArray());
    }

    @Override
    public JsonArrayText storedList(String column) {
        if (column.length() > MAX_COLUMN_LENGTH) {
            throw new MalformedListException("longer than " + MAX_COLUMN_LENGTH + " characters");
        }
        if (JsonArrayScan.surelyArray(column)) {
            return new JsonArrayText(column);
        }
        return parsedList(column);
    }

    /** The check of {@link #storedList} by the parser alone, without the quick scan. */
    JsonArrayText parsedList(String column) {
        try (JsonParser json = factory.createParser(column)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new MalformedListException(first == null ? "empty" : "a JSON " + describe(first) + ", not an array");
            }
            json.skipChildren();
            if (json.nextToken() != null) {
                throw new MalformedListException("text after the array");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedListException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a list column", e);
        }
        return new JsonArrayText(column);
    }

    @Override
    public boolean sameList(JsonArrayText first, JsonArrayText second) {
        if (first == null || second == null) {
            return first == second;
        }
        try {
            return trees.readTree(first.json()).equals(trees.readTree(second.json()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value.longValue());
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, JsonArrayText value) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeRawValue(value.json());
        }
    }

    /** The amount without trailing zeros: {@code 325000.00} is written {@code 325000}, {@code 0.50} is {@code 0.5}. */
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
