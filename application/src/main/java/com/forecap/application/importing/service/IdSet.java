package com.forecap.application.importing.service;

/**
 * The ids seen so far, as a bitmap in pages of 65,536 ids allocated on demand: 8 KB a page, so a
 * dense range of 10M ids takes 1.3 MB. Past {@value #MAX_PAGES} pages (very sparse ids) it stops
 * recording, to keep memory bounded; ids after that are not counted as duplicates.
 */
final class IdSet {
    private static final int MAX_PAGES = 8_192;
    private final long[][] pages = new long[65_536][];
    private int allocated;

    /** Adds an id (0..2^32-1); false when it was there. */
    boolean add(long id) {
        int page = (int) (id >>> 16);
        long[] bits = pages[page];
        if (bits == null) {
            if (allocated == MAX_PAGES) {
                return true;
            }
            bits = new long[1_024];
            pages[page] = bits;
            allocated++;
        }
        int bit = (int) (id & 0xFFFF);
        long mask = 1L << (bit & 63);
        if ((bits[bit >>> 6] & mask) != 0) {
            return false;
        }
        bits[bit >>> 6] |= mask;
        return true;
    }
}
