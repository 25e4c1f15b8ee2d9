package com.forecap.application.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.forecap.application.fakes.TextRecapJson;
import com.forecap.application.port.in.ImportRecapsUseCase.ImportCommand;
import com.forecap.application.port.in.ImportRecapsUseCase.ImportReport;
import com.forecap.application.port.out.ReadImportRowsPort;
import com.forecap.application.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.port.out.ReportProgressPort;
import com.forecap.application.port.out.WriteRejectsPort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service puts each row's cells in schema order whatever their names and order, and rejects what
 * it must before checking: a column given twice under two names (JSON Lines), an unknown key, a reader's
 * own problem. A dry run, so no store is needed.
 */
class ImportRecapsServiceTest {

    private final List<String> rejects = new ArrayList<>();

    /** Runs a dry import of rows given as cell maps, or as the reason a reader gives for a broken row. */
    private ImportReport run(List<String> header, List<?> rows, boolean ignoreUnknown) {
        ReadImportRowsPort files = (file, sheet) -> new ReadImportRowsPort.ImportRows() {
            private final Iterator<?> next = rows.iterator();
            private long line = 1;

            @Override
            public String format() {
                return header.isEmpty() ? "JSON Lines" : "CSV";
            }

            @Override
            public List<String> header() {
                return header;
            }

            @Override
            public String positionName() {
                return "line";
            }

            @Override
            public String identity() {
                return "test";
            }

            @Override
            public double fractionRead() {
                return -1;
            }

            @Override
            public void close() {
            }

            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            @SuppressWarnings("unchecked")
            public ImportRow next() {
                Object row = next.next();
                return row instanceof String reason ? new ReadImportRowsPort.Broken(++line, reason)
                        : new ReadImportRowsPort.Cells(++line, (Map<String, String>) row);
            }
        };
        WriteRejectsPort rejectsPort = (file, positionName) -> new WriteRejectsPort.Rejects() {
            @Override
            public void reject(long position, String userId, String column, String reason) {
                rejects.add(position + "|" + userId + "|" + column + "|" + reason);
            }

            @Override
            public void close() {
            }
        };
        ImportRecapsService service = new ImportRecapsService(files, null, rejectsPort, null, new TextRecapJson(),
                ReportProgressPort.NONE, 2);
        return service.importFile(new ImportCommand(Path.of("in.jsonl"), null, Path.of("in.rejects.csv"), ignoreUnknown,
                true, false));
    }

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void json_lines_rows_map_their_own_keys_and_a_column_given_twice_is_rejected() {
        ImportReport report = run(List.of(), List.of(
                row("userName", "Ana", "user_id", "1", "listFavoriteStore", "[]"),
                row("user_id", "2", "userId", "3", "user_name", "Budi"),
                row("user_id", "4", "user_name", "Cici", "favourite_colour", "red"),
                row("user_id", "5", "user_name", ""),
                "not a JSON object"), false);
        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.valid()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(rejects).containsExactly(
                "3|2|userId|given twice, as user_id",
                "4|4|favourite_colour|unknown column (use --ignore-unknown-columns to skip it)",
                "5|5|user_name|required",
                "6|||not a JSON object");
    }

    @Test
    void unknown_keys_are_skipped_when_allowed_and_header_rows_follow_their_mapping() {
        ImportReport json = run(List.of(), List.of(row("user_id", "4", "user_name", "Cici", "favourite_colour", "red")), true);
        assertThat(json.valid()).isEqualTo(1);
        assertThat(json.ignoredColumns()).containsExactly("favourite_colour");
        rejects.clear();
        ImportReport csv = run(List.of("trxCount", "user_name", "user_id"), List.of(
                row("trxCount", "x", "user_name", "Dodi", "user_id", "7"),
                row("trxCount", "3", "user_name", "Eka", "user_id", "8")), false);
        assertThat(csv.valid()).isEqualTo(1);
        assertThat(rejects).containsExactly("2|7|trx_count|must be a whole number 0..4294967295, was 'x'");
    }
}
