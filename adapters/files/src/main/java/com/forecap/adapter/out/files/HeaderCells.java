package com.forecap.adapter.out.files;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.forecap.application.importing.port.out.ReadImportRowsPort.Broken;
import com.forecap.application.importing.port.out.ReadImportRowsPort.Cells;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;

/**
 * A row's cells by header name, as the import reads them: a view over the header's names and one array
 * of cells (a cell past the row's end is absent). Read-only; costs one object and the array, where a hash
 * map would cost an entry and a hash per cell.
 */
final class HeaderCells extends AbstractMap<String, String> {

    private final List<String> header;
    private final String[] cells;
    private final int count;

    private HeaderCells(List<String> header, String[] cells, int count) {
        this.header = header;
        this.cells = cells;
        this.count = count;
    }

    /**
     * A row of a file with a header: its cells, or broken when a cell beyond the header is not empty (the
     * row's cells would not line up with the columns).
     *
     * @param position the row's line or sheet row number
     * @param header   the header's names
     * @param cells    the row's cells in file order; the array is kept
     * @param count    how many of them the row has
     * @return the row
     */
    static ImportRow row(long position, List<String> header, String[] cells, int count) {
        HeaderCells named = new HeaderCells(header, cells, Math.min(count, header.size()));
        for (int index = header.size(); index < count; index++) {
            if (!cells[index].isEmpty()) {
                return new Broken(position, "column " + (index + 1) + " beyond the header", named);
            }
        }
        return new Cells(position, named);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int index;

                    @Override
                    public boolean hasNext() {
                        return index < count;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (index >= count) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> entry = new SimpleImmutableEntry<>(header.get(index), cells[index]);
                        index++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return count;
            }
        };
    }
}
