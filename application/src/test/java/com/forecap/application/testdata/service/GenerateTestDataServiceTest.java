package com.forecap.application.testdata.service;

import java.util.concurrent.atomic.AtomicLong;

import com.forecap.application.fakes.FakeTestDataStore;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerationReport;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateTestDataServiceTest {

    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    private final FakeTestDataStore store = new FakeTestDataStore();
    private final AtomicLong advanced = new AtomicLong();
    private final ReportProgressPort progress = new ReportProgressPort() {
        @Override
        public void started(String task, long total, long done) {
            advanced.set(done);
        }

        @Override
        public void advanced(long units) {
            advanced.addAndGet(units);
        }

        @Override
        public void finished() {
        }
    };
    private final GenerateTestDataService service = new GenerateTestDataService(store, synthetic, progress, 100);

    @Test
    void generates_exactly_the_range_with_the_synthetic_recaps() {
        GenerationReport report = service.generate(new GenerateTestDataCommand(IdRange.startingAt(1, 1_050), 3, false));
        assertThat(store.rows()).hasSize(1_050);
        assertThat(store.rows().firstKey()).isEqualTo(1);
        assertThat(store.rows().lastKey()).isEqualTo(1_050);
        assertThat(store.rows().get(777L)).isEqualTo(synthetic.recapOf(UserId.of(777)));
        assertThat(report.written()).isEqualTo(1_050);
        assertThat(report.alreadyPresent()).isZero();
        assertThat(advanced.get()).isEqualTo(1_050);
    }

    @Test
    void an_interrupted_run_resumes_without_duplicates_or_gaps() {
        store.failOnWrite(4);
        assertThatThrownBy(() -> service.generate(new GenerateTestDataCommand(IdRange.startingAt(1, 1_000), 1, false)))
                .isInstanceOf(StoreException.class);
        int partial = store.rows().size();
        assertThat(partial).as("whole chunks only").isLessThan(1_000).isGreaterThanOrEqualTo(300);
        assertThat(partial % 100).isZero();

        GenerationReport resumed = service.generate(new GenerateTestDataCommand(IdRange.startingAt(1, 1_000), 2, false));
        assertThat(resumed.alreadyPresent()).isEqualTo(partial);
        assertThat(resumed.written()).isEqualTo(1_000 - partial);
        assertThat(store.rows()).hasSize(1_000);
        assertThat(store.rows().keySet()).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 1_000).boxed().toList());
    }

    @Test
    void a_second_larger_run_only_adds_the_new_users() {
        service.generate(new GenerateTestDataCommand(IdRange.startingAt(1, 250), 2, false));
        GenerationReport report = service.generate(new GenerateTestDataCommand(IdRange.startingAt(1, 1_000), 2, false));
        assertThat(report.alreadyPresent()).isEqualTo(250);
        assertThat(report.written()).isEqualTo(750);
        assertThat(store.rows()).hasSize(1_000);
    }

    @Test
    void from_starts_at_the_given_id_and_truncate_starts_over() {
        service.generate(new GenerateTestDataCommand(IdRange.startingAt(1, 300), 1, false));
        service.generate(new GenerateTestDataCommand(IdRange.startingAt(501, 120), 2, true));
        assertThat(store.rows()).hasSize(120);
        assertThat(store.rows().firstKey()).isEqualTo(501);
        assertThat(store.rows().lastKey()).isEqualTo(620);
    }

    @Test
    void bad_commands_are_refused() {
        assertThatThrownBy(() -> IdRange.startingAt(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdRange.startingAt(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdRange.startingAt(UserId.MAX, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerateTestDataCommand(IdRange.startingAt(1, 1), 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunks_are_aligned_to_absolute_boundaries() {
        assertThat(new IdRange(95, 310).chunks(100)).containsExactly(
                new IdRange(95, 100), new IdRange(101, 200), new IdRange(201, 300), new IdRange(301, 310));
        assertThat(IdRange.chunkOf(100, 100)).isZero();
        assertThat(IdRange.chunkOf(101, 100)).isEqualTo(1);
    }
}
