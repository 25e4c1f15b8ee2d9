package com.forecap.bootstrap.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A certificate authority and a server certificate it signed for {@code 127.0.0.1} and {@code localhost},
 * made with openssl in a temporary directory, plus a second, unrelated authority (for "not trusted" checks).
 *
 * @param directory   where the files are
 * @param ca          the authority's certificate (PEM)
 * @param serverCert  the server's certificate (PEM)
 * @param serverKey   the server's key (PEM, unencrypted)
 * @param otherCa     an authority that signed nothing here
 */
record TestCertificates(Path directory, Path ca, Path serverCert, Path serverKey, Path otherCa) {

    /**
     * Makes the files.
     *
     * @return the certificates
     */
    static TestCertificates create() {
        Engines.require("openssl", "openssl");
        try {
            Path dir = Files.createTempDirectory("forecap-tls-");
            Duration limit = Duration.ofSeconds(60);
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n");
            Engines.output(dir, limit, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Forecap Test CA");
            Engines.output(dir, limit, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", "other-ca.key", "-out", "other-ca.pem", "-subj", "/CN=Unrelated Test CA");
            Engines.output(dir, limit, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
                    "-out", "server.csr", "-subj", "/CN=localhost");
            Engines.output(dir, limit, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.pem");
            // mariadbd wants a classic RSA key file, readable by its user
            Engines.output(dir, limit, "openssl", "rsa", "-in", "server.key", "-out", "server-rsa.key", "-traditional");
            return new TestCertificates(dir, dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-rsa.key"),
                    dir.resolve("other-ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the files. */
    void delete() {
        Engines.delete(directory);
    }
}
