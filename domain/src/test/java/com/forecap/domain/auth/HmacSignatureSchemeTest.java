package com.forecap.domain.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacSignatureSchemeTest {

    private static final String OLD = "old-secret-old-secret-old-secret-0";
    private static final String NEW = "new-secret-new-secret-new-secret-1";

    private static Map<String, String> keys(String... idsAndSecrets) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < idsAndSecrets.length; i += 2) {
            keys.put(idsAndSecrets[i], idsAndSecrets[i + 1]);
        }
        return keys;
    }

    private static String reference(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Example
    void signs_base64_hmac_of_timestamp_newline_user_id_with_the_key_id() throws Exception {
        HmacSignatureScheme scheme = new HmacSignatureScheme(keys("k2", NEW, "k1", OLD));
        assertThat(scheme.sign("2025-12-01T00:00:00Z", "42"))
                .isEqualTo("k2:" + reference(NEW, "2025-12-01T00:00:00Z\n42"));
        assertThat(scheme.name()).isEqualTo("hmac-sha256");
    }

    @Property
    void both_keys_verify_during_a_rollover(@ForAll @LongRange(min = 1, max = 4_294_967_295L) long id) throws Exception {
        HmacSignatureScheme rollover = new HmacSignatureScheme(keys("k2", NEW, "k1", OLD));
        String ts = "2025-12-01T00:00:00.000Z";
        String user = Long.toString(id);
        assertThat(rollover.verify(ts, user, "k1:" + reference(OLD, ts + "\n" + user))).isTrue();
        assertThat(rollover.verify(ts, user, "k2:" + reference(NEW, ts + "\n" + user))).isTrue();
        assertThat(rollover.verify(ts, user, reference(OLD, ts + "\n" + user))).as("no key id: any key").isTrue();
        assertThat(rollover.verify(ts, user, "k2:" + reference(OLD, ts + "\n" + user))).as("wrong key id").isFalse();
        assertThat(rollover.verify(ts, Long.toString(id + 1), "k1:" + reference(OLD, ts + "\n" + user))).isFalse();
    }

    @Example
    void a_retired_key_no_longer_verifies() throws Exception {
        HmacSignatureScheme afterRollover = new HmacSignatureScheme(keys("k2", NEW));
        String ts = "2025-12-01T00:00:00Z";
        assertThat(afterRollover.verify(ts, "7", "k1:" + reference(OLD, ts + "\n7"))).isFalse();
        assertThat(afterRollover.verify(ts, "7", reference(OLD, ts + "\n7"))).isFalse();
    }

    @Property
    void garbage_never_verifies_and_never_throws(@ForAll String sign) {
        HmacSignatureScheme scheme = new HmacSignatureScheme(keys("k1", OLD));
        assertThat(scheme.verify("2025-12-01T00:00:00Z", "1", sign)).isFalse();
    }

    @Example
    void weak_or_badly_named_keys_are_refused() {
        assertThatThrownBy(() -> new HmacSignatureScheme(keys("k1", "short"))).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new HmacSignatureScheme(keys("bad id", OLD))).hasMessageContaining("key id");
        assertThatThrownBy(() -> new HmacSignatureScheme(Map.of())).hasMessageContaining("at least one key");
    }
}
