package com.forecap.bootstrap.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheConfigTest {

    private static long maxBytes(String value) {
        return CacheConfig.nearCache(ConfigLoader.load(Map.of(), Map.of("forecap.cache.local.max-bytes", value))).maxBytes();
    }

    @Test
    void the_near_cache_size_is_bytes_or_binary_kb_mb_gb_in_any_case() {
        assertThat(CacheConfig.nearCache(ConfigLoader.load(Map.of(), Map.of())).maxBytes()).isEqualTo(64L << 20);
        assertThat(maxBytes("67108864")).isEqualTo(64L << 20);
        assertThat(maxBytes("64MB")).isEqualTo(64L << 20);
        assertThat(maxBytes("64 mb")).isEqualTo(64L << 20);
        assertThat(maxBytes("512KB")).isEqualTo(512L << 10);
        assertThat(maxBytes("1GB")).isEqualTo(1L << 30);
        assertThat(maxBytes("100B")).isEqualTo(100);
    }

    @Test
    void a_size_that_is_not_a_positive_whole_amount_is_one_clear_error() {
        for (String bad : new String[] {"0", "-1", "64M", "1.5MB", "lots", "9999999999GB"}) {
            assertThatThrownBy(() -> maxBytes(bad)).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("must be a size like 67108864, 64MB or 1GB, was '" + bad + "'");
        }
    }
}
