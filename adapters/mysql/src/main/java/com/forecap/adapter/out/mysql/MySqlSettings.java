package com.forecap.adapter.out.mysql;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach MySQL: a JDBC URL (either given, e.g. for RDS, or built from host, port and database),
 * credentials, pool size and time bounds.
 *
 * @param jdbcUrl           {@code jdbc:mysql://host:port/database[?options]}
 * @param database          the database name (also inside the URL)
 * @param user              the user
 * @param password          the password; never logged
 * @param poolSize          connections kept by the pool
 * @param connectionTimeout longest wait for a free pooled connection
 * @param queryTimeout      longest wait for the server to answer a query
 */
public record MySqlSettings(String jdbcUrl, String database, String user, String password, int poolSize,
                            Duration connectionTimeout, Duration queryTimeout) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern URL = Pattern.compile("jdbc:mysql://[^/?]+/([A-Za-z0-9_]{1,64})(\\?.*)?");

    /** Validates. */
    public MySqlSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must be 1-64 letters, digits or _, was '" + database + "'");
        }
        if (poolSize < 1 || poolSize > 500) {
            throw new IllegalArgumentException("pool size must be between 1 and 500, was " + poolSize);
        }
    }

    /**
     * Settings from host, port and database.
     *
     * @param host              server host
     * @param port              server port
     * @param database          database name
     * @param sslMode           Connector/J {@code sslMode}: DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY
     * @param user              the user
     * @param password          the password
     * @param poolSize          pool size
     * @param connectionTimeout pool wait bound
     * @param queryTimeout      query bound
     * @return the settings
     */
    public static MySqlSettings of(String host, int port, String database, String sslMode, String user, String password,
                                   int poolSize, Duration connectionTimeout, Duration queryTimeout) {
        if (host == null || host.isBlank() || host.contains("/") || host.contains("?")) {
            throw new IllegalArgumentException("MySQL host must be a host name or address, was '" + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("MySQL port must be 1..65535, was " + port);
        }
        String url = "jdbc:mysql://" + host + ":" + port + "/" + database + "?sslMode=" + sslMode;
        return new MySqlSettings(url, database, user, password, poolSize, connectionTimeout, queryTimeout);
    }

    /**
     * Settings from a full JDBC URL, e.g. one pointing at RDS with TLS options.
     *
     * @param jdbcUrl           the URL; must name a database
     * @param user              the user
     * @param password          the password
     * @param poolSize          pool size
     * @param connectionTimeout pool wait bound
     * @param queryTimeout      query bound
     * @return the settings
     */
    public static MySqlSettings ofUrl(String jdbcUrl, String user, String password, int poolSize,
                                      Duration connectionTimeout, Duration queryTimeout) {
        var matcher = URL.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("MySQL URL must look like jdbc:mysql://host:port/database[?options]");
        }
        return new MySqlSettings(jdbcUrl, matcher.group(1), user, password, poolSize, connectionTimeout, queryTimeout);
    }

    /**
     * The same settings trusting only the certificate authorities of a PEM file (e.g. the RDS bundle)
     * for the server's certificate: they are written to a PKCS#12 trust store in the temporary
     * directory, which Connector/J reads ({@code trustCertificateKeyStoreUrl}). The URL's
     * {@code sslMode} decides what is checked ({@code VERIFY_IDENTITY}: chain and host name).
     *
     * @param pemFile the certificate authorities, one or more PEM certificates
     * @return the settings
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public MySqlSettings withTrustedCertificates(java.nio.file.Path pemFile) {
        java.nio.file.Path store = MySqlTrustStore.fromPem(pemFile);
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "trustCertificateKeyStoreUrl=" + store.toUri()
                + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=" + MySqlTrustStore.PASSWORD
                + "&fallbackToSystemTrustStore=false";
        return new MySqlSettings(url, database, user, password, poolSize, connectionTimeout, queryTimeout);
    }

    /**
     * Other settings on the same database, credentials and bounds, at another server (a read replica).
     *
     * @param otherUrl the other server's URL
     * @return the settings
     */
    public MySqlSettings atUrl(String otherUrl) {
        return ofUrl(otherUrl, user, password, poolSize, connectionTimeout, queryTimeout);
    }

    /**
     * The server part of the URL, for messages.
     *
     * @return e.g. {@code db:3306}
     */
    public String server() {
        String rest = jdbcUrl.substring("jdbc:mysql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    @Override
    public String toString() {
        return "MySqlSettings[url=" + jdbcUrl.replaceAll("&trustCertificateKeyStore.*?(?=&fallback)", "")
                + ", user=" + user + ", password=(" + (password.isEmpty() ? "empty" : "set")
                + "), poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout + ", queryTimeout=" + queryTimeout + "]";
    }
}
