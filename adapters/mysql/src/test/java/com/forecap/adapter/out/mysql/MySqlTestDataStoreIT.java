package com.forecap.adapter.out.mysql;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.CountStoredUsersPort;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerationReport;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase.VerificationReport;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase.VerifyTestDataQuery;
import com.forecap.application.testdata.service.GenerateTestDataService;
import com.forecap.application.testdata.service.VerifyTestDataService;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlTestDataStoreIT {

    private final ScratchDatabase database = ScratchDatabase.named();
    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    private final JacksonRecapJson json = new JacksonRecapJson();
    private MySqlConnections connections;
    private MySqlTestDataStore store;

    @BeforeEach
    void migrate() {
        new MySqlSchema(database.settings(2)).migrate();
        connections = MySqlConnections.forTools(database.settings(2), 2);
        store = new MySqlTestDataStore(connections, json);
    }

    @AfterEach
    void drop() {
        connections.close();
        database.close();
    }

    private GenerateTestDataService generator(long chunkSize) {
        return new GenerateTestDataService(store, synthetic, ReportProgressPort.NONE, chunkSize);
    }

    @Test
    void generated_users_read_back_exactly_and_pass_the_guides_checks() {
        GenerationReport report = generator(1_000).generate(new GenerateTestDataCommand(IdRange.startingAt(1, 5_000), 2, false));
        assertThat(report.written()).isEqualTo(5_000);
        assertThat(store.totals()).isEqualTo(new com.forecap.application.shared.port.out.CountStoredUsersPort.Totals(5_000, 5_000));
        Map<Long, UserRecap> found = store.find(java.util.List.of(1L, 1_000L, 4_999L, 5_001L));
        assertThat(found).containsOnlyKeys(1L, 1_000L, 4_999L);
        found.forEach((id, recap) -> assertThat(recap).isEqualTo(synthetic.recapOf(UserId.of(id))));

        VerificationReport verification = new VerifyTestDataService(store, synthetic, json).verify(new VerifyTestDataQuery(5_000L));
        assertThat(verification.problems()).isEmpty();
        assertThat(store.countPerTrxRange()).containsOnlyKeys(TrxRange.values());
    }

    @Test
    void a_write_cut_off_midway_leaves_nothing_of_its_range_and_a_rerun_completes_the_set() {
        AtomicLong produced = new AtomicLong();
        Iterator<UserRecap> failing = new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= 1_000;
            }

            @Override
            public UserRecap next() {
                if (next == 600) {
                    throw new IllegalStateException("simulated crash of the generator");
                }
                produced.incrementAndGet();
                return synthetic.recapOf(UserId.of(next++));
            }
        };
        assertThatThrownBy(() -> store.write(new IdRange(1, 1_000), failing))
                .isInstanceOf(StoreException.class);
        assertThat(produced.get()).isEqualTo(599);
        assertThat(store.totals().count()).as("the cut-off range left no rows").isZero();

        generator(500).generate(new GenerateTestDataCommand(IdRange.startingAt(1, 1_500), 2, false));
        store.truncate();
        generator(500).generate(new GenerateTestDataCommand(IdRange.startingAt(1, 700), 1, false));
        GenerationReport resumed = generator(500).generate(new GenerateTestDataCommand(IdRange.startingAt(1, 1_500), 2, false));
        assertThat(resumed.alreadyPresent()).isEqualTo(700);
        assertThat(store.totals()).isEqualTo(new com.forecap.application.shared.port.out.CountStoredUsersPort.Totals(1_500, 1_500));
    }

    @Test
    void a_partially_present_chunk_is_completed_without_duplicates() {
        store.write(new IdRange(1, 300), iterator(1, 300));
        ScratchDatabase.execute("DELETE FROM `" + database.name() + "`.user_recap_data WHERE user_id BETWEEN 100 AND 150");
        assertThat(store.countPerChunk(new IdRange(1, 300), 1_000)).containsEntry(0L, 249L);
        generator(1_000).generate(new GenerateTestDataCommand(IdRange.startingAt(1, 300), 1, false));
        assertThat(store.totals()).isEqualTo(new com.forecap.application.shared.port.out.CountStoredUsersPort.Totals(300, 300));
    }

    @Test
    void text_with_tabs_newlines_backslashes_and_unicode_survives_the_load() {
        UserRecap odd = new UserRecap("Sri\tAyu\\n\nBudi ☕ \"quoted\"", 12, 3L, 100L, "line1\r\nline2\0end", 4L, "Kopi\\Tubruk",
                null, 6L, 6L, null, null, null, new JsonArrayText("[\"https://img/a\\tb.png\"]"),
                new JsonArrayText("[{\"productName\":\"Es \\\"Kopi\\\" Susu\\n\",\"countCups\":5}]"), null);
        store.write(new IdRange(42, 42), java.util.List.of(odd).iterator());
        assertThat(store.find(java.util.List.of(42L))).containsEntry(42L, odd);
    }

    private Iterator<UserRecap> iterator(long first, long last) {
        return java.util.stream.LongStream.rangeClosed(first, last).mapToObj(id -> synthetic.recapOf(UserId.of(id))).iterator();
    }
}
