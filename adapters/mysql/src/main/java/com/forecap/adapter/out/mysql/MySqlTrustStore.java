package com.forecap.adapter.out.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Turns a PEM bundle of certificate authorities into a PKCS#12 trust store file, the form Connector/J
 * reads. The store holds public certificates only; its password is not a secret.
 */
final class MySqlTrustStore {

    /** Password of the generated trust stores (they hold no private key). */
    static final String PASSWORD = "forecap-trust";

    private MySqlTrustStore() {
    }

    /**
     * Writes the trust store.
     *
     * @param pemFile one or more PEM certificates
     * @return the trust store file, in the temporary directory, deleted at exit
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    static Path fromPem(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("cannot read the MySQL TLS certificate authorities from " + pemFile
                        + ": no PEM certificate in it");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            Path file = Files.createTempFile("forecap-mysql-ca-", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the MySQL TLS certificate authorities from " + pemFile + ": "
                    + e.getMessage(), e);
        }
    }
}
