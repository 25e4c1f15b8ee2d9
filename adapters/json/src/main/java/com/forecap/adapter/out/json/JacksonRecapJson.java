package com.forecap.adapter.out.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.forecap.application.port.out.RecapJsonPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.FavoriteProduct;
import com.forecap.domain.recap.FavoriteStore;
import com.forecap.domain.recap.UserRecap;

/**
 * Writes and reads the contract's JSON with Jackson's streaming generator and parser: field by field,
 * no reflection, no intermediate tree. Thread-safe.
 */
public final class JacksonRecapJson implements RecapJsonPort {

    /** Longest list column accepted when reading, in characters. */
    private static final int MAX_COLUMN_LENGTH = 64 * 1024;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
            .build();

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
            if (recap.listCircularImages() != null) {
                json.writeFieldName("listCircularImages");
                writeImages(json, recap.listCircularImages());
            }
            if (recap.listProductFavorite() != null) {
                json.writeFieldName("listProductFavorite");
                writeProducts(json, recap.listProductFavorite());
            }
            if (recap.listFavoriteStore() != null) {
                json.writeFieldName("listFavoriteStore");
                writeStores(json, recap.listFavoriteStore());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode recap", e);
        }
        return EncodedRecap.ofJson(out.toByteArray());
    }

    /** Writes the three arrays with one generator into one buffer, then cuts the buffer in three. */
    @Override
    public ListColumns writeLists(UserRecap recap) {
        StringBuilderWriter out = new StringBuilderWriter(512);
        int[] ends = new int[3];
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.setRootValueSeparator(null);
            if (recap.listCircularImages() != null) {
                writeImages(json, recap.listCircularImages());
            }
            json.flush();
            ends[0] = out.length();
            if (recap.listProductFavorite() != null) {
                writeProducts(json, recap.listProductFavorite());
            }
            json.flush();
            ends[1] = out.length();
            if (recap.listFavoriteStore() != null) {
                writeStores(json, recap.listFavoriteStore());
            }
            json.flush();
            ends[2] = out.length();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON columns", e);
        }
        return new ListColumns(
                recap.listCircularImages() == null ? null : out.substring(0, ends[0]),
                recap.listProductFavorite() == null ? null : out.substring(ends[0], ends[1]),
                recap.listFavoriteStore() == null ? null : out.substring(ends[1], ends[2]));
    }

    @Override
    public Lists readLists(ListColumns columns) {
        return new Lists(
                read(columns.circularImages(), JacksonRecapJson::readImages),
                read(columns.productFavorites(), JacksonRecapJson::readProducts),
                read(columns.favoriteStores(), JacksonRecapJson::readStores));
    }

    private static void writeImages(JsonGenerator json, List<String> images) throws IOException {
        json.writeStartArray();
        for (String image : images) {
            json.writeString(image);
        }
        json.writeEndArray();
    }

    private static void writeProducts(JsonGenerator json, List<FavoriteProduct> products) throws IOException {
        json.writeStartArray();
        for (FavoriteProduct product : products) {
            json.writeStartObject();
            json.writeStringField("productName", product.productName());
            json.writeNumberField("countCups", product.countCups());
            writeIfPresent(json, "productImage", product.productImage());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeStores(JsonGenerator json, List<FavoriteStore> stores) throws IOException {
        json.writeStartArray();
        for (FavoriteStore store : stores) {
            json.writeStartObject();
            json.writeStringField("storeName", store.storeName());
            json.writeNumberField("transactionCount", store.transactionCount());
            writeIfPresent(json, "storeImage", store.storeImage());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static List<String> readImages(JsonParser json) throws IOException {
        List<String> images = new ArrayList<>();
        expect(json.nextToken(), JsonToken.START_ARRAY);
        while (json.nextToken() != JsonToken.END_ARRAY) {
            expect(json.currentToken(), JsonToken.VALUE_STRING);
            images.add(json.getText());
        }
        return images;
    }

    private static List<FavoriteProduct> readProducts(JsonParser json) throws IOException {
        List<FavoriteProduct> products = new ArrayList<>();
        expect(json.nextToken(), JsonToken.START_ARRAY);
        while (json.nextToken() != JsonToken.END_ARRAY) {
            ObjectFields fields = ObjectFields.read(json, "productName", "countCups", "productImage");
            products.add(new FavoriteProduct(fields.required("productName"), fields.integer("countCups"), fields.text("productImage")));
        }
        return products;
    }

    private static List<FavoriteStore> readStores(JsonParser json) throws IOException {
        List<FavoriteStore> stores = new ArrayList<>();
        expect(json.nextToken(), JsonToken.START_ARRAY);
        while (json.nextToken() != JsonToken.END_ARRAY) {
            ObjectFields fields = ObjectFields.read(json, "storeName", "transactionCount", "storeImage");
            stores.add(new FavoriteStore(fields.required("storeName"), fields.integer("transactionCount"), fields.text("storeImage")));
        }
        return stores;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + " but found " + actual);
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, Integer value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value.intValue());
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value.longValue());
        }
    }

    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private <T> T read(String column, JsonReading<T> reading) {
        if (column == null) {
            return null;
        }
        if (column.length() > MAX_COLUMN_LENGTH) {
            throw new IllegalArgumentException("JSON column longer than " + MAX_COLUMN_LENGTH + " characters");
        }
        try (JsonParser json = factory.createParser(column)) {
            T value = reading.read(json);
            if (json.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after JSON array");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON column: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON column", e);
        }
    }

    @FunctionalInterface
    private interface JsonReading<T> {
        T read(JsonParser json) throws IOException;
    }
}
