package com.forecap.application.importing.port.out;

import com.forecap.application.shared.port.out.StoreException;

import java.util.Iterator;
import java.util.function.LongSupplier;

import com.forecap.domain.recap.UserRecap;

/**
 * Stores imported users, replacing those with the same id, chunk by chunk, and remembers per import how
 * far it got so that an interrupted import resumes.
 */
public interface StoreImportedRecapsPort {

    /** No database, for a dry run: nothing was committed before, and a write is refused. */
    StoreImportedRecapsPort NONE = new StoreImportedRecapsPort() {
        @Override
        public long committedRows(String importKey, String source) {
            return 0;
        }

        @Override
        public long replace(String importKey, String source, Iterator<ImportedRecap> recaps, LongSupplier rowsDone) {
            throw new IllegalStateException("no store to import into");
        }

        @Override
        public void finished(String importKey) {
        }
    };

    /**
     * Data rows of an import committed by earlier runs.
     *
     * @param importKey identifies the file and its content
     * @param source    the file, for people reading the progress table
     * @return rows of the file (valid or not) already dealt with; 0 for a new import
     * @throws StoreException when the store cannot answer
     */
    long committedRows(String importKey, String source);

    /**
     * Stores one chunk in one atomic step, replacing users with the same id, a later row over an
     * earlier one, and records in the same step that the file's rows up to {@code rowsDone} are done.
     *
     * @param importKey identifies the import
     * @param source    the file
     * @param recaps    the chunk's valid rows, produced lazily as the store consumes them
     * @param rowsDone  asked after the last row was consumed: the file's rows dealt with so far
     * @return users written
     * @throws StoreException when writing fails; nothing of the chunk is kept
     */
    long replace(String importKey, String source, Iterator<ImportedRecap> recaps, LongSupplier rowsDone);

    /**
     * Forgets an import that completed, so that running it again imports the file again.
     *
     * @param importKey identifies the import
     */
    void finished(String importKey);

    /**
     * One valid row.
     *
     * @param userId the user's id, 1..4294967295
     * @param recap  the recap
     */
    record ImportedRecap(long userId, UserRecap recap) {
    }
}
