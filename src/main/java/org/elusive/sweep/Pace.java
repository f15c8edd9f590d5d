package org.elusive.sweep;

/**
 * Throughput and time left of one sweep run, for its progress lines. Estimates only: the rate is
 * this run's requests over its wall time, and units not started yet are assumed as large as the
 * average unit started so far (units already done elsewhere make it an overestimate).
 */
final class Pace {
    private final long start = System.nanoTime();
    private long scored, startedSize;
    private int started, unitsLeft;

    /** A unit of {@code size} requests starts; {@code left} units, this one included, remain in the run. */
    void unit(int size, int left) {
        started++;
        startedSize += size;
        unitsLeft = left;
    }

    /** Records a part of {@code n} requests; returns the suffix of its progress line. */
    String part(int n, int done, int size) {
        scored += n;
        double rate = scored / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double average = (double) startedSize / started;
        return describe(rate, size - done, (size - done) + Math.max(0, unitsLeft - 1) * average);
    }

    static String describe(double rate, double unitLeft, double sweepLeft) {
        return String.format(", %.1f req/s, unit ~%s left, sweep ~%s left", rate, duration(unitLeft / rate), duration(sweepLeft / rate));
    }

    /** h:mm:ss, or m:ss under an hour. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
