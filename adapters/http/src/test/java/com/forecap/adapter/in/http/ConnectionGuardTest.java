package com.forecap.adapter.in.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard's settings: address ranges without a cap, and the checks on its limits. */
class ConnectionGuardTest {

    @Test
    void address_ranges_match_by_prefix_and_family() throws Exception {
        List<ConnectionGuard.AddressRange> ranges = ConnectionGuard.AddressRange.parseList(" 10.1.0.0/16, 192.0.2.7 ,2001:db8::/32,");
        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(0).contains(InetAddress.getByName("10.1.255.3"))).isTrue();
        assertThat(ranges.get(0).contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(ranges.get(1).contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(ranges.get(1).contains(InetAddress.getByName("192.0.2.8"))).isFalse();
        assertThat(ranges.get(2).contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(ranges.get(2).contains(InetAddress.getByName("10.1.0.1"))).isFalse();
        assertThat(ConnectionGuard.AddressRange.parse("172.16.0.0/12").contains(InetAddress.getByName("172.31.9.9"))).isTrue();
        assertThat(ConnectionGuard.AddressRange.parse("172.16.0.0/12").contains(InetAddress.getByName("172.32.0.1"))).isFalse();
        assertThat(ConnectionGuard.AddressRange.parseList("  ")).isEmpty();
    }

    @Test
    void names_and_bad_prefixes_are_refused_without_a_lookup() {
        assertThatThrownBy(() -> ConnectionGuard.AddressRange.parse("alb.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGuard.AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGuard.AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limits_are_checked() {
        assertThatThrownBy(() -> new ConnectionGuard.Settings(Duration.ZERO, Duration.ofSeconds(1), 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionGuard.Settings(Duration.ofSeconds(1), Duration.ZERO, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionGuard.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
