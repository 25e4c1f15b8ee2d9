package com.forecap.adapter.out.files;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's cells by header name, as the import reads them: a view over the header's names and one array
 * of cells (a cell past the row's end is absent), with cells beyond the header under the names
 * {@code (column N beyond the header)} when they are not empty. Read-only; costs one object and the
 * array, where a hash map would cost an entry and a hash per cell.
 */
final class HeaderCells extends AbstractMap<String, String> {

    private final List<String> header;
    private final String[] cells;
    private final int count;

    /**
     * Creates the view.
     *
     * @param header the header's names
     * @param cells  the row's cells in file order; the array is kept
     * @param count  how many of them the row has
     */
    HeaderCells(List<String> header, String[] cells, int count) {
        this.header = header;
        this.cells = cells;
        this.count = count;
    }

    private int next(int from) {
        int index = from;
        while (index < count && index >= header.size() && cells[index].isEmpty()) {
            index++;
        }
        return index;
    }

    private String name(int index) {
        return index < header.size() ? header.get(index) : "(column " + (index + 1) + " beyond the header)";
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int index = HeaderCells.this.next(0);

                    @Override
                    public boolean hasNext() {
                        return index < count;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (index >= count) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> entry = new SimpleImmutableEntry<>(name(index), cells[index]);
                        index = HeaderCells.this.next(index + 1);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                int size = 0;
                for (int index = HeaderCells.this.next(0); index < count; index = HeaderCells.this.next(index + 1)) {
                    size++;
                }
                return size;
            }
        };
    }
}
