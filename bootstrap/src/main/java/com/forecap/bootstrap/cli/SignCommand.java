package com.forecap.bootstrap.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.bootstrap.wiring.SignatureSchemes;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RequestTimestamp;
import com.forecap.domain.auth.SignatureScheme;
import com.forecap.domain.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code forecap sign}: mints the {@code timestamp}, {@code user_id} and {@code sign} of one user's
 * recap, where the user is known (the app's backend, after its own login), with the service's own
 * signature settings, so the key never reaches a client; optionally as the link the app's web view opens.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Mint a signed recap request for one user with the service's signature settings "
                + "(AUTH_SIGNATURE_SCHEME, AUTH_HMAC_KEYS or AUTH_SIGNATURE_SECRET from the environment).",
                "Prints timestamp, user_id and sign (and link with --base-url); the request is accepted for "
                + "forecap.auth.max-age (10 minutes) after its timestamp."})
public final class SignCommand implements Callable<Integer> {

    @Option(names = "--user-id", required = true, description = "the user, 1..4294967295")
    String userId;

    @Option(names = "--timestamp", description = "the timestamp to sign (default: now, ISO-8601 UTC to the second)")
    String timestamp;

    @Option(names = "--scheme", description = "legacy or hmac-sha256 (default: the configured signature scheme)")
    String scheme;

    @Option(names = "--base-url", description = "the web view's address; prints link: <base-url>?timestamp=…&user_id=…&sign=…")
    String baseUrl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (UserId.parse(userId).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--user-id must be a decimal id in 1..4294967295, was '"
                    + userId + "'");
        }
        String ts = timestamp == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS).toString() : timestamp;
        if (RequestTimestamp.parse(ts).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--timestamp is not a form the service reads: '" + ts + "'");
        }
        ServiceSettings.AuthSettings auth = ServiceSettings.authFrom(ConfigLoader.load(System.getenv(), Map.of()));
        String name = Optional.ofNullable(scheme).or(auth::scheme).orElseThrow(() -> new ConfigurationException(
                "no signature scheme is configured (AUTH_SCHEMES has jwt only); pass --scheme hmac-sha256"));
        SignatureScheme signer = SignatureSchemes.of(name, auth);
        PrintWriter out = spec.commandLine().getOut();
        String sign = signer.sign(ts, userId);
        out.println("timestamp: " + ts);
        out.println("user_id: " + userId);
        out.println("sign: " + sign);
        if (baseUrl != null) {
            out.println("link: " + baseUrl + (baseUrl.contains("?") ? "&" : "?") + "timestamp=" + encode(ts)
                    + "&user_id=" + userId + "&sign=" + encode(sign));
        }
        out.flush();
        if (LegacySignatureScheme.NAME.equals(signer.name())) {
            spec.commandLine().getErr().println("forecap sign: the legacy signature is reversible: whoever sees it can "
                    + "recover the secret and sign for any user; prefer hmac-sha256 (AUTH_HMAC_KEYS)");
        }
        return 0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
