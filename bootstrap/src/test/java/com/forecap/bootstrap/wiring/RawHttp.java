package com.forecap.bootstrap.wiring;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.forecap.bootstrap.SignedClient;

/**
 * HTTP/1.1 over a plain socket, for tests that must see exactly what the server writes: the bytes of
 * each answer, whether a connection stays open, what happens to a pipelined request.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Opens a connection to the service on 127.0.0.1.
     *
     * @param port the service's port
     * @return the connection, reads time out after 5 s
     * @throws IOException when it cannot connect
     */
    static RawHttp connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /**
     * Opens a connection to the service on 127.0.0.1 from another loopback address.
     *
     * @param port the service's port
     * @param from the local address, in 127.0.0.0/8
     * @return the connection, reads time out after 5 s
     * @throws IOException when it cannot connect
     */
    static RawHttp connect(int port, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        return new RawHttp(socket);
    }

    /**
     * A signed recap request's bytes.
     *
     * @param method {@code GET} or {@code HEAD}
     * @param userId the user
     * @return the request
     */
    static String recap(String method, long userId) {
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String id = Long.toString(userId);
        return method + " /api/user-data HTTP/1.1\r\nHost: localhost\r\ntimestamp: " + ts + "\r\nuser_id: " + id
                + "\r\nsign: " + SignedClient.sign(ts, id) + "\r\n\r\n";
    }

    /**
     * Writes bytes as they are.
     *
     * @param request the bytes, ISO-8859-1
     * @throws IOException when the write fails
     */
    void write(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Reads one answer: status line, headers, and a body of {@code Content-Length} bytes unless it
     * answers a {@code HEAD}.
     *
     * @param head whether the request was a {@code HEAD}
     * @return the answer
     * @throws IOException when the connection ends or fails before a whole answer
     */
    Response read(boolean head) throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not a status line: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = head ? new byte[0] : in.readNBytes(length);
        if (body.length < (head ? 0 : length)) {
            throw new EOFException("body cut at " + body.length + " of " + length);
        }
        return new Response(Integer.parseInt(status.substring(9, 12)), headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Whether the server has closed the connection: a read sees its end (or a reset) within the time.
     *
     * @param millis how long to wait
     * @return {@code true} when closed, {@code false} when still open (nothing to read)
     * @throws IOException when the server sent bytes instead
     */
    boolean closedWithin(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IOException("unexpected byte " + b);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection ended after '" + line.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * One answer.
     *
     * @param status  the status code
     * @param headers the headers, names lower-cased
     * @param body    the body
     */
    record Response(int status, Map<String, String> headers, String body) {

        /** Whether the answer says {@code Connection: close}. */
        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }
}
