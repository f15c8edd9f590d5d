package org.elusive.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PaceTest {
    @Test void rateAndTimeLeftAreFormattedForLogs() {
        assertEquals(", 2.0 req/s, unit ~0:05 left, sweep ~0:50 left", Pace.describe(2.0, 10, 100));
        assertEquals(", 0.5 req/s, unit ~1:02:05 left, sweep ~27:46:40 left", Pace.describe(0.5, 1862.5, 50_000));
        assertEquals("0:00", Pace.duration(0.4));
        assertEquals("59:59", Pace.duration(3599));
    }
}
