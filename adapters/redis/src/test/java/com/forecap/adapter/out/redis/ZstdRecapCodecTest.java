package com.forecap.adapter.out.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ZstdRecapCodecTest {

    private static final JacksonRecapJson JSON = new JacksonRecapJson();
    private static final SyntheticRecaps SYNTHETIC = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);

    private static List<EncodedRecap> sample(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> JSON.encode(SYNTHETIC.recapOf(UserId.of(id)))).toList();
    }

    @Test
    void round_trips_every_recap_byte_for_byte_and_shrinks_it() {
        ZstdRecapCodec codec = ZstdRecapCodec.trainedOn(sample(1, 2_000));
        long raw = 0;
        long cached = 0;
        for (EncodedRecap recap : sample(1_000_000, 1_005_000)) {
            byte[] value = codec.encode(recap);
            assertThat(codec.decode(value).json()).isEqualTo(recap.json());
            raw += recap.length();
            cached += value.length;
        }
        assertThat(cached).as("compressed at least 3x").isLessThan(raw / 3);
    }

    @Test
    void training_is_deterministic_so_every_instance_agrees() {
        assertThat(ZstdRecapCodec.trainedOn(sample(1, 2_000)).dictionaryId())
                .isEqualTo(ZstdRecapCodec.trainedOn(sample(1, 2_000)).dictionaryId());
    }

    @Test
    void a_stored_dictionary_restores_the_same_codec() {
        ZstdRecapCodec trained = ZstdRecapCodec.trainedOn(sample(1, 2_000));
        ZstdRecapCodec restored = new ZstdRecapCodec(trained.dictionary());
        assertThat(restored.dictionaryId()).isEqualTo(trained.dictionaryId());
        assertThat(restored.decode(trained.encode(sample(9, 9).get(0))).json()).isEqualTo(sample(9, 9).get(0).json());
    }

    @Test
    void foreign_or_damaged_values_decode_to_nothing() {
        ZstdRecapCodec codec = ZstdRecapCodec.trainedOn(sample(1, 2_000));
        ZstdRecapCodec other = ZstdRecapCodec.trainedOn(sample(50_000, 52_000));
        byte[] value = codec.encode(sample(7, 7).get(0));
        assertThat(other.decode(value)).as("another dictionary").isNull();
        assertThat(codec.decode("{\"userName\":\"plain json\"}".getBytes())).isNull();
        assertThat(codec.decode(new byte[0])).isNull();
        assertThat(codec.decode(new byte[] {1})).isNull();
        for (int i = 1; i < value.length; i++) {
            byte[] damaged = value.clone();
            damaged[i] ^= 0x5A;
            assertThat(codec.decode(damaged)).as("byte %d damaged", i).isNull();
        }
        List<byte[]> truncated = new ArrayList<>();
        for (int cut = 2; cut < value.length; cut += 7) {
            truncated.add(java.util.Arrays.copyOf(value, cut));
        }
        truncated.forEach(bytes -> assertThat(codec.decode(bytes)).isNull());
    }
}
