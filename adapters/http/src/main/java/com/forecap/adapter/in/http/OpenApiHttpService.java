package com.forecap.adapter.in.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /openapi.yaml}: the OpenAPI 3 description of the service, stored next to this class
 * ({@value #RESOURCE}) and served as those bytes. It is read once, when the routes are built.
 */
public final class OpenApiHttpService implements HttpService {

    /** The route of the description. */
    public static final String PATH = "/openapi.yaml";
    /** Where the description lives on the classpath, relative to this class. */
    static final String RESOURCE = "openapi.yaml";

    private static final Header YAML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
    private static final Header CACHE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "public, max-age=300");

    private final byte[] document;

    private OpenApiHttpService(byte[] document) {
        this.document = document.clone();
    }

    /**
     * Reads the description from the classpath.
     *
     * @return the service
     * @throws IllegalStateException when the description is not on the classpath
     * @throws UncheckedIOException  when it cannot be read
     */
    public static OpenApiHttpService fromClasspath() {
        try (InputStream in = OpenApiHttpService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI description " + RESOURCE + " is missing from the classpath");
            }
            return new OpenApiHttpService(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI description " + RESOURCE, e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::document).route(io.helidon.http.Method.HEAD, PATH, this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        res.header(YAML);
        res.header(CACHE);
        ErrorResponses.sendBody(req, res, document);
    }
}
