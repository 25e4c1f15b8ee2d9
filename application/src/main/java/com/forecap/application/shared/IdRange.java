package com.forecap.application.shared;

import java.util.ArrayList;
import java.util.List;

import com.forecap.domain.user.UserId;

/**
 * A contiguous range of user ids, both ends included.
 *
 * @param first the first id, at least {@link UserId#MIN}
 * @param last  the last id, at least {@code first} and at most {@link UserId#MAX}
 */
public record IdRange(long first, long last) {

    /** Validates the ends. */
    public IdRange {
        if (first < UserId.MIN || last > UserId.MAX || last < first) {
            throw new IllegalArgumentException("invalid id range " + first + ".." + last
                    + " (ids are " + UserId.MIN + ".." + UserId.MAX + ")");
        }
    }

    /**
     * The range of {@code count} ids starting at {@code first}.
     *
     * @param first the first id
     * @param count how many ids, at least 1
     * @return the range
     * @throws IllegalArgumentException when the range leaves the valid ids
     */
    public static IdRange startingAt(long first, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (first > UserId.MAX - count + 1) {
            throw new IllegalArgumentException("ids " + first + " + " + count + " go past the last user id " + UserId.MAX);
        }
        return new IdRange(first, first + count - 1);
    }

    /**
     * How many ids.
     *
     * @return the size
     */
    public long size() {
        return last - first + 1;
    }

    /**
     * The chunk an id belongs to: chunk {@code k} holds ids {@code k*size+1 .. (k+1)*size}, whatever
     * range is asked for, so that runs with different ranges agree on chunk boundaries.
     *
     * @param id        an id
     * @param chunkSize ids per chunk
     * @return the chunk index
     */
    public static long chunkOf(long id, long chunkSize) {
        return (id - 1) / chunkSize;
    }

    /**
     * Splits this range at chunk boundaries.
     *
     * @param chunkSize ids per chunk, at least 1
     * @return the pieces in order; the first and last may be partial chunks
     */
    public List<IdRange> chunks(long chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        List<IdRange> chunks = new ArrayList<>();
        long start = first;
        while (start <= last) {
            long end = Math.min(last, (chunkOf(start, chunkSize) + 1) * chunkSize);
            chunks.add(new IdRange(start, end));
            start = end + 1;
        }
        return chunks;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
