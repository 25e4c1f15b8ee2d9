package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.forecap.application.importing.port.out.ReadImportRowsPort.Broken;
import com.forecap.application.importing.port.out.ReadImportRowsPort.Cells;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;
import com.forecap.application.importing.port.out.WriteRejectsPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportFileReaderTest {

    private final ImportFileReader reader = new ImportFileReader();

    @TempDir
    Path dir;

    private static Map<String, String> values(ImportRow row) {
        assertThat(row).isInstanceOf(Cells.class);
        return ((Cells) row).values();
    }

    private static List<ImportRow> all(ImportRows rows) {
        List<ImportRow> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        rows.close();
        return all;
    }

    @Test
    void csv_with_bom_quotes_emoji_and_a_cell_over_two_lines() throws IOException {
        Path csv = dir.resolve("a.csv");
        Files.write(csv, ("\uFEFFuser_id,userName,list_circular_images\r\n"
                + "1,\"Budi \"\"Kopi\"\" \uD83D\uDE00\",\"[\"\"/a.png\"\"]\"\r\n"
                + "\r\n"
                + "2,\"Ana\nMaria\",\r\n"
                + "3,Tono\r\n").getBytes(StandardCharsets.UTF_8));
        ImportRows rows = reader.open(csv, null);
        assertThat(rows.header()).containsExactly("user_id", "userName", "list_circular_images");
        assertThat(rows.format()).isEqualTo("CSV");
        List<ImportRow> all = all(rows);
        assertThat(all).extracting(ImportRow::position).containsExactly(2L, 4L, 6L);
        assertThat(values(all.get(0))).containsEntry("userName", "Budi \"Kopi\" \uD83D\uDE00")
                .containsEntry("list_circular_images", "[\"/a.png\"]");
        assertThat(values(all.get(1))).containsEntry("userName", "Ana\nMaria").containsEntry("list_circular_images", "");
        assertThat(values(all.get(2))).containsOnlyKeys("user_id", "userName");
    }

    @Test
    void tsv_gzip_and_cells_beyond_the_header() throws IOException {
        Path tsv = dir.resolve("a.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tsv))) {
            out.write("user_id\tuser_name\n1\t\"a, b\"\textra\n2\tb\t\t\n".getBytes(StandardCharsets.UTF_8));
        }
        List<ImportRow> all = all(reader.open(tsv, null));
        // a cell beyond the header breaks the row (its cells may not line up); empty ones do not
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).isInstanceOfSatisfying(Broken.class, broken -> {
            assertThat(broken.position()).isEqualTo(2);
            assertThat(broken.reason()).isEqualTo("column 3 beyond the header");
            assertThat(broken.readable()).containsExactly(Map.entry("user_id", "1"), Map.entry("user_name", "a, b"));
        });
        assertThat(values(all.get(1))).containsExactly(Map.entry("user_id", "2"), Map.entry("user_name", "b"));
    }

    @Test
    void json_lines_keep_numbers_exact_and_lists_as_json_text() throws IOException {
        Path jsonl = dir.resolve("a.jsonl");
        Files.writeString(jsonl, "{\"userId\":1,\"userName\":\"A\",\"cheaperSubsAmount\":12.10,\"listFavoriteStore\":[{\"s\":\"x\",\"n\":null}],"
                + "\"topRanking\":null}\n\n[1]\n{\"user_id\":2} trailing\n");
        List<ImportRow> all = all(reader.open(jsonl, null));
        assertThat(all).extracting(ImportRow::position).containsExactly(1L, 3L, 4L);
        assertThat(values(all.get(0))).containsEntry("cheaperSubsAmount", "12.1")
                .containsEntry("listFavoriteStore", "[{\"s\":\"x\",\"n\":null}]").containsEntry("topRanking", "")
                .containsEntry("userId", "1");
        assertThat(all.get(1)).isEqualTo(new Broken(3, "not a JSON object"));
        assertThat(all.get(2)).isInstanceOfSatisfying(Broken.class, broken -> assertThat(broken.reason())
                .satisfiesAnyOf(r -> assertThat(r).startsWith("not valid JSON: "), r -> assertThat(r).isEqualTo("text after the JSON object")));
    }

    @Test
    void xlsx_written_by_the_writer_reads_back_with_exact_numbers() throws IOException {
        Path xlsx = dir.resolve("a.xlsx");
        try (RecapFileWriter writer = new RecapFileWriter(xlsx)) {
            List<Object> cells = new ArrayList<>(Arrays.asList(new Object[RecapFileWriter.COLUMNS.size()]));
            cells.set(0, 4_294_967_295L);
            cells.set(1, "Ana\nMaria \uD83D\uDE00");
            cells.set(12, new BigDecimal("9999999999.99"));
            cells.set(14, "[\"/a.png\"]");
            writer.writeRow(cells);
        }
        ImportRows rows = reader.open(xlsx, null);
        assertThat(rows.positionName()).isEqualTo("sheet_row");
        List<ImportRow> all = all(rows);
        assertThat(all).singleElement().satisfies(row -> {
            assertThat(row.position()).isEqualTo(2);
            assertThat(values(row)).containsEntry("user_id", "4294967295").containsEntry("user_name", "Ana\nMaria \uD83D\uDE00")
                    .containsEntry("cheaper_subs_amount", "9999999999.99").containsEntry("list_circular_images", "[\"/a.png\"]")
                    .containsEntry("trx_count", "");
        });
        assertThatThrownBy(() -> reader.open(xlsx, "other")).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no sheet named 'other'").hasMessageContaining("recaps");
    }

    @Test
    void xlsx_shared_strings_past_the_read_window_and_the_recent_table_read_back_exactly() throws IOException {
        Path xlsx = dir.resolve("many.xlsx");
        java.util.Random random = new java.util.Random(11);
        int rows = XlsxSharedStrings.RECENT + 9_000;
        List<String[]> expected = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
            org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("recaps");
            sheet.value(0, 0, "user_id");
            sheet.value(0, 1, "user_name");
            sheet.value(0, 2, "total_point_description");
            for (int r = 1; r <= rows; r++) {
                String unique = "user " + r + " \u00e9 " + "x".repeat(random.nextInt(40));
                String repeated = "product " + random.nextInt(7) + (random.nextInt(50) == 0 ? "y".repeat(600 + random.nextInt(3000)) : "");
                sheet.value(r, 0, (long) r);
                sheet.value(r, 1, unique);
                sheet.value(r, 2, repeated);
                expected.add(new String[] {Integer.toString(r), unique, repeated});
            }
            workbook.finish();
        }
        List<ImportRow> all = all(reader.open(xlsx, null));
        assertThat(all).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            String[] cells = expected.get(i);
            assertThat(values(all.get(i))).containsEntry("user_id", cells[0]).containsEntry("user_name", cells[1])
                    .containsEntry("total_point_description", cells[2]);
        }
    }

    @Test
    void xlsx_numbers_keep_their_exact_text() {
        for (String plain : List.of("0", "7", "4294967295", "123456789012345678")) {
            assertThat(XlsxRowReader.plainWholeNumber(plain)).as(plain).isTrue();
            assertThat(new BigDecimal(plain).toPlainString()).isEqualTo(plain);
        }
        for (String other : List.of("", "007", "1.5", "-3", "1E3", " 4", "1234567890123456789")) {
            assertThat(XlsxRowReader.plainWholeNumber(other)).as(other).isFalse();
        }
    }

    @Test
    void a_workbook_with_several_sheets_needs_the_sheet_named() throws IOException {
        Path xlsx = dir.resolve("two.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
            org.dhatim.fastexcel.Worksheet notes = workbook.newWorksheet("notes");
            notes.value(0, 0, "read me");
            org.dhatim.fastexcel.Worksheet data = workbook.newWorksheet("data");
            data.value(0, 0, "user_id");
            data.value(0, 2, "user_name");
            data.value(3, 0, 12L);
            data.inlineString(3, 2, "inline \uD83D\uDE00");
            workbook.finish();
        }
        assertThatThrownBy(() -> reader.open(xlsx, null)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("2 sheets (notes, data): choose one with --sheet");
        ImportRows rows = reader.open(xlsx, "data");
        assertThat(rows.header()).containsExactly("user_id", "", "user_name");
        assertThat(all(rows)).singleElement().satisfies(row -> {
            assertThat(row.position()).isEqualTo(4);
            assertThat(values(row)).containsEntry("user_id", "12").containsEntry("user_name", "inline \uD83D\uDE00");
        });
    }

    @Test
    void files_that_cannot_be_imported_say_why_in_one_line() throws IOException {
        assertThatThrownBy(() -> reader.open(dir.resolve("none.csv"), null)).isInstanceOf(UnreadableFileException.class)
                .hasMessageEndingWith("none.csv: no such file");
        Path text = Files.writeString(dir.resolve("a.txt"), "x");
        assertThatThrownBy(() -> reader.open(text, null)).hasMessageContaining("unknown format");
        Path fake = Files.writeString(dir.resolve("b.xlsx"), "user_id\n1\n");
        assertThatThrownBy(() -> reader.open(fake, null)).isInstanceOf(UnreadableFileException.class).hasMessageContaining("b.xlsx");
        Path empty = Files.writeString(dir.resolve("c.csv"), "");
        assertThatThrownBy(() -> reader.open(empty, null)).hasMessageContaining("empty file");
        Path badGzip = Files.writeString(dir.resolve("d.csv.gz"), "not gzip");
        assertThatThrownBy(() -> reader.open(badGzip, null)).isInstanceOf(UnreadableFileException.class).hasMessageContaining("d.csv.gz");
    }

    /** A copy of a workbook whose first sheet's XML is changed by {@code edit}. */
    private Path withSheet(Path workbook, String name, UnaryOperator<String> edit) throws IOException {
        Path copy = dir.resolve(name);
        try (ZipFile in = new ZipFile(workbook.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    String edited = edit.apply(xml);
                    assertThat(edited).as("the edit applies").isNotEqualTo(xml);
                    bytes = edited.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return copy;
    }

    @Test
    void a_workbook_with_a_broken_row_or_cell_says_which_file_and_where_in_one_line() throws IOException {
        Path good = dir.resolve("good.xlsx");
        try (OutputStream out = Files.newOutputStream(good)) {
            org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
            org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("data");
            sheet.value(0, 0, "user_id");
            sheet.value(0, 1, "user_name");
            sheet.value(1, 0, 1L);
            sheet.value(1, 1, "Ana");
            sheet.value(2, 0, 2L);
            sheet.value(2, 1, "Budi");
            workbook.finish();
        }
        assertThat(all(reader.open(good, null))).hasSize(2);

        Path badRow = withSheet(good, "bad-row.xlsx", xml -> xml.replace("<row r=\"3\"", "<row r=\"three\""));
        assertThatThrownBy(() -> all(reader.open(badRow, null))).isInstanceOf(UnreadableFileException.class)
                .hasMessage(badRow + ": cannot read the sheet after row 2: For input string: \"three\"");
        Path badString = withSheet(good, "bad-string.xlsx",
                xml -> xml.replaceAll("(<c r=\"B3\"[^>]*t=\"s\"[^>]*><v>)\\d+(</v>)", "$199$2"));
        assertThatThrownBy(() -> all(reader.open(badString, null))).isInstanceOf(UnreadableFileException.class)
                .hasMessage(badString + ": cannot read the sheet after row 3: shared string 99 does not exist");
    }

    @Test
    void the_rejects_file_is_written_only_when_something_was_rejected() throws IOException {
        Path rejects = dir.resolve("x.rejects.csv");
        Files.writeString(rejects, "old");
        try (WriteRejectsPort.Rejects none = new CsvRejectsFile().open(rejects, "line")) {
            assertThat(none).isNotNull();
        }
        assertThat(rejects).doesNotExist();
        try (WriteRejectsPort.Rejects some = new CsvRejectsFile().open(rejects, "line")) {
            some.reject(3, "7", "user_name", "longer than 255 characters, \"quoted\"");
        }
        assertThat(Files.readString(rejects)).isEqualTo("line,user_id,column,reason\n3,7,user_name,\"longer than 255 characters, \"\"quoted\"\"\"\n");
    }
}
