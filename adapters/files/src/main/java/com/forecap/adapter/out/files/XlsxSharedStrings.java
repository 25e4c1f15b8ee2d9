package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XLSX workbook's shared strings, spilled to a temporary file: offsets in memory, text on disk. New
 * strings are read through a window of {@value #WINDOW} bytes that only moves forward (a sheet mostly uses
 * new strings in the order they were stored); strings used again come from a bounded table of recently
 * read short strings (texts that repeat, such as names of products), else are read one by one.
 */
final class XlsxSharedStrings implements AutoCloseable {

    /** Bytes read from the file at a time. */
    static final int WINDOW = 1 << 20;
    /** Strings remembered (a power of two), each at most {@value #RECENT_LONGEST} characters: at most ~37 MB. */
    static final int RECENT = 1 << 16;
    static final int RECENT_LONGEST = 256;
    private final Path spill;
    private final FileChannel channel;
    private long[] offsets = new long[1024];
    private int count;
    /** The file's bytes from {@code windowStart} on, {@code windowLength} of them: strings are mostly first used in order. */
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;
    private int windowLength;
    /** Recently read short strings by index, one slot per index modulo the size: repeated texts come from memory. */
    private final String[] recent = new String[RECENT];
    private final int[] recentIndex = new int[RECENT];
    private ByteBuffer single = ByteBuffer.allocate(4096);

    XlsxSharedStrings(ZipFile zip, String path) throws IOException, XMLStreamException {
        spill = Files.createTempFile("forecap-xlsx-strings", ".bin");
        channel = FileChannel.open(spill, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        ZipEntry entry = zip.getEntry(path);
        if (entry == null) {
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        long position = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader xml = XlsxWorkbook.XML.createXMLStreamReader(in, "UTF-8");
            StringBuilder text = new StringBuilder();
            int depthInPhonetic = 0;
            boolean inItem = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("si".equals(name)) {
                        inItem = true;
                        text.setLength(0);
                    } else if ("rPh".equals(name)) {
                        depthInPhonetic++;
                    } else if ("t".equals(name) && inItem && depthInPhonetic == 0) {
                        text.append(xml.getElementText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("rPh".equals(name)) {
                        depthInPhonetic--;
                    } else if ("si".equals(name)) {
                        inItem = false;
                        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                        if (count + 1 >= offsets.length) {
                            offsets = Arrays.copyOf(offsets, offsets.length * 2);
                        }
                        offsets[count++] = position;
                        position += bytes.length;
                        int from = 0;
                        while (from < bytes.length) {
                            int n = Math.min(out.remaining(), bytes.length - from);
                            out.put(bytes, from, n);
                            from += n;
                            if (!out.hasRemaining()) {
                                out.flip();
                                while (out.hasRemaining()) {
                                    channel.write(out);
                                }
                                out.clear();
                            }
                        }
                    }
                }
            }
        }
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        offsets[count] = position;
    }

    String get(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shared string " + index + " does not exist");
        }
        int slot = index & (RECENT - 1);
        if (recentIndex[slot] == index + 1) {
            return recent[slot];
        }
        long at = offsets[index];
        int length = (int) (offsets[index + 1] - at);
        String text;
        try {
            if (length > WINDOW || at < windowStart) {
                // a string used before (its slot taken since): read just that one, keep the window
                if (single.capacity() < length) {
                    single = ByteBuffer.allocate(Math.max(length, single.capacity() * 2));
                }
                single.clear().limit(length);
                read(single, at);
                if (single.hasRemaining()) {
                    throw new IOException("shared strings file ended early");
                }
                text = new String(single.array(), 0, length, StandardCharsets.UTF_8);
            } else {
                if (at + length > windowStart + windowLength) {
                    window.clear();
                    read(window, at);
                    windowStart = at;
                    windowLength = window.position();
                    if (windowLength < length) {
                        throw new IOException("shared strings file ended early");
                    }
                }
                text = new String(window.array(), (int) (at - windowStart), length, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (length <= RECENT_LONGEST) {
            recent[slot] = text;
            recentIndex[slot] = index + 1;
        }
        return text;
    }

    /** Fills the buffer from the file at an offset, as far as the file goes. */
    private void read(ByteBuffer target, long at) throws IOException {
        while (target.hasRemaining()) {
            int n = channel.read(target, at + target.position());
            if (n < 0) {
                break;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(spill);
    }
}
