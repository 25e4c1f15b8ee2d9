package com.forecap.adapter.out.redis;

import java.util.List;
import java.util.Objects;

import com.forecap.domain.recap.EncodedRecap;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;

/**
 * The cached form of a recap: one format byte, then the recap's JSON compressed with Zstandard and a
 * dictionary trained on sample recaps, in a frame with a checksum (a damaged entry is a miss, never
 * garbage). Small JSON documents share most of their text (keys, menu and
 * store names, image paths), so the dictionary brings a ~770-byte recap down to ~110 bytes, where plain
 * zstd or deflate reach only ~250-360. Every instance must use the same dictionary; an entry written
 * with another one fails to decode and is treated as a miss.
 */
public final class ZstdRecapCodec {

    /** Format byte of this encoding. */
    static final byte FORMAT_ZSTD_DICTIONARY = 1;
    /** Largest decompressed recap accepted. */
    static final int MAX_RECAP_BYTES = 1 << 20;
    private static final int DICTIONARY_BYTES = 8 * 1024;
    private static final int LEVEL = 3;

    private final byte[] dictionary;
    private final ZstdDictCompress compress;
    private final ZstdDictDecompress decompress;

    /**
     * Creates the codec from a dictionary.
     *
     * @param dictionary a zstd dictionary
     */
    public ZstdRecapCodec(byte[] dictionary) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary").clone();
        this.compress = new ZstdDictCompress(this.dictionary, LEVEL);
        this.decompress = new ZstdDictDecompress(this.dictionary);
    }

    /**
     * Trains a dictionary on sample recaps; the same samples give the same dictionary.
     *
     * @param samples encoded recaps, a few thousand
     * @return the codec
     * @throws IllegalArgumentException when the samples are too few or too alike to train on
     */
    public static ZstdRecapCodec trainedOn(List<EncodedRecap> samples) {
        byte[][] raw = new byte[samples.size()][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = samples.get(i).json();
        }
        byte[] buffer = new byte[DICTIONARY_BYTES];
        long size = Zstd.trainFromBuffer(raw, buffer);
        if (Zstd.isError(size)) {
            throw new IllegalArgumentException("cannot train a cache dictionary: " + Zstd.getErrorName(size));
        }
        return new ZstdRecapCodec(java.util.Arrays.copyOf(buffer, (int) size));
    }

    /**
     * The dictionary's identifier, which every entry it compressed carries.
     *
     * @return the id
     */
    public long dictionaryId() {
        return Zstd.getDictIdFromDict(dictionary);
    }

    /**
     * The dictionary's bytes.
     *
     * @return a copy
     */
    public byte[] dictionary() {
        return dictionary.clone();
    }

    /**
     * Compresses a recap for the cache.
     *
     * @param recap the recap
     * @return the cached form
     */
    public byte[] encode(EncodedRecap recap) {
        byte[] frame;
        try (ZstdCompressCtx context = new ZstdCompressCtx()) {
            frame = context.loadDict(compress).setChecksum(true).compress(recap.json());
        }
        byte[] value = new byte[frame.length + 1];
        value[0] = FORMAT_ZSTD_DICTIONARY;
        System.arraycopy(frame, 0, value, 1, frame.length);
        return value;
    }

    /**
     * Restores a recap from the cache.
     *
     * @param value the cached form
     * @return the recap, or {@code null} when the value is not in this format or dictionary
     */
    public EncodedRecap decode(byte[] value) {
        if (value.length < 2 || value[0] != FORMAT_ZSTD_DICTIONARY) {
            return null;
        }
        try {
            long size = Zstd.getFrameContentSize(value, 1, value.length - 1);
            if (size <= 0 || size > MAX_RECAP_BYTES) {
                return null;
            }
            byte[] json = new byte[(int) size];
            long written = Zstd.decompressFastDict(json, 0, value, 1, value.length - 1, decompress);
            return written == size ? EncodedRecap.ofJson(json) : null;
        } catch (ZstdException | IllegalArgumentException e) {
            return null;
        }
    }
}
