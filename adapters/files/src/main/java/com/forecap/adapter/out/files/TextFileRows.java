package com.forecap.adapter.out.files;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;

/** A text file read line by line (CSV, TSV, JSON Lines): its reader and what the progress estimate needs. */
abstract class TextFileRows implements ImportRows {

    final Path file;
    final BufferedReader reader;
    private final String identity;
    private final long size;
    private final CountingStream counted;

    TextFileRows(Path file, boolean gzip, String identity) throws IOException {
        this.file = file;
        this.identity = identity;
        this.size = Files.size(file);
        this.counted = new CountingStream(Files.newInputStream(file));
        try {
            this.reader = reader(counted, gzip);
        } catch (IOException e) {
            counted.close();
            throw e;
        }
    }

    @Override
    public String positionName() {
        return "line";
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public double fractionRead() {
        return size == 0 ? 1 : (double) counted.count() / size;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing was written
        }
    }

    /** Opens a UTF-8 reader over the (maybe gzipped) file that skips a byte order mark and refuses bad UTF-8. */
    private static BufferedReader reader(CountingStream counted, boolean gzip) throws IOException {
        InputStream in = gzip ? new GZIPInputStream(counted, 1 << 16) : counted;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF' && first != -1) {
            reader.reset();
        }
        return reader;
    }

    /** Counts the bytes read from the file, for the progress estimate. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
