package com.forecap.adapter.out.mysql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.forecap.application.importing.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LOAD DATA stream written byte by byte gives, for random recaps with every character LOAD DATA
 * escapes and text beyond ASCII, the bytes of the plain formatting (text escaped char by char, the line
 * encoded as UTF-8), whatever sizes the driver reads in.
 */
class TsvRecapStreamTest {

    private static final String[] PIECES = {"a", "Budi", " ", "\\", "\t", "\n", "\r", "\0", "\"", "\u00e9", "\u20ac",
        "\uD83D\uDE00", "\\N", "N", "'", ","};

    private static String text(Random random, boolean nullable) {
        if (nullable && random.nextInt(4) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static Long number(Random random) {
        return random.nextInt(4) == 0 ? null : random.nextInt(3) == 0 ? (long) random.nextInt(10) : random.nextLong(0, 4_294_967_296L);
    }

    private static JsonArrayText list(Random random) {
        String inner = text(random, true);
        return inner == null ? null : new JsonArrayText("[\"" + inner + "\"]");
    }

    private static UserRecap recap(Random random) {
        return new UserRecap(text(random, false), random.nextInt(3) == 0 ? random.nextInt(10) : random.nextLong(0, 4_294_967_296L),
                number(random), number(random), text(random, true), number(random), text(random, true), text(random, true),
                number(random), number(random), text(random, true),
                random.nextBoolean() ? null : new BigDecimal(random.nextLong(-99_999_999_999L, 99_999_999_999L)).movePointLeft(2),
                number(random), list(random), list(random), list(random));
    }

    /** The line as the plain formatting wrote it: escapes char by char, then UTF-8. */
    private static String expectedLine(long id, UserRecap recap) {
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(id));
        cells.add(escape(recap.userName()));
        cells.add(Long.toString(recap.trxCount()));
        cells.add(number(recap.variantCount()));
        cells.add(number(recap.totalPoint()));
        cells.add(escape(recap.totalPointDescription()));
        cells.add(number(recap.totalPointPossibleRedeem()));
        cells.add(escape(recap.totalPointProductName()));
        cells.add(escape(recap.totalPointImage()));
        cells.add(number(recap.deliveryCount()));
        cells.add(number(recap.pickupCount()));
        cells.add(escape(recap.cheaperSubsDesc()));
        cells.add(recap.cheaperSubsAmount() == null ? "\\N" : recap.cheaperSubsAmount().toPlainString());
        cells.add(number(recap.topRanking()));
        cells.add(escape(recap.listCircularImages() == null ? null : recap.listCircularImages().json()));
        cells.add(escape(recap.listProductFavorite() == null ? null : recap.listProductFavorite().json()));
        cells.add(escape(recap.listFavoriteStore() == null ? null : recap.listFavoriteStore().json()));
        return String.join("\t", cells) + "\n";
    }

    private static String number(Long value) {
        return value == null ? "\\N" : value.toString();
    }

    private static String escape(String value) {
        if (value == null) {
            return "\\N";
        }
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void random_recaps_stream_as_escaped_utf8_lines_whatever_the_read_sizes() throws IOException {
        Random random = new Random(20261129);
        for (int round = 0; round < 500; round++) {
            List<ImportedRecap> recaps = new ArrayList<>();
            StringBuilder expected = new StringBuilder();
            for (int i = random.nextInt(20); i >= 0; i--) {
                long id = random.nextLong(1, 4_294_967_296L);
                UserRecap recap = recap(random);
                recaps.add(new ImportedRecap(id, recap));
                expected.append(expectedLine(id, recap));
            }
            TsvRecapStream stream = new TsvRecapStream(recaps.iterator());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64];
            while (true) {
                if (random.nextInt(10) == 0) {
                    int b = stream.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                    continue;
                }
                int offset = random.nextInt(4);
                int n = stream.read(chunk, offset, 1 + random.nextInt(60));
                if (n < 0) {
                    break;
                }
                out.write(chunk, offset, n);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            assertThat(out.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(stream.rows()).isEqualTo(recaps.size());
        }
    }
}
