package com.forecap.application.shared.port.out;

/** Shows the progress of long work to whoever runs it. Implementations must be thread-safe. */
public interface ReportProgressPort {

    /** Reports nothing. */
    ReportProgressPort NONE = new ReportProgressPort() {
        @Override
        public void started(String task, long total, long done) {
        }

        @Override
        public void advanced(long units) {
        }

        @Override
        public void finished() {
        }
    };

    /**
     * Work begins.
     *
     * @param task  what is being done, e.g. {@code generating users}
     * @param total units in all, or -1 when not known (yet, see {@link #totalChanged})
     * @param done  units already done before this run (resumed work)
     */
    void started(String task, long total, long done);

    /**
     * Some units were done.
     *
     * @param units how many more
     */
    void advanced(long units);

    /**
     * The total turned out different from the estimate given to {@link #started}.
     *
     * @param total the new estimate of units in all
     */
    default void totalChanged(long total) {
    }

    /** Work ended, successfully or not. */
    void finished();
}
