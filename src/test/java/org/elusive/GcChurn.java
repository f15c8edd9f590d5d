package org.elusive;

import java.nio.ByteBuffer;

/**
 * Frees and refills small direct buffers and runs the garbage collector, over and over, on a
 * daemon thread: native memory that a tensor still uses after Java let go of it gets overwritten
 * with 0x7f bytes quickly instead of once in a while.
 */
public final class GcChurn implements AutoCloseable {
    private final Thread thread = new Thread(GcChurn::churn, "gc-churn");

    public GcChurn() {
        thread.setDaemon(true);
        thread.start();
    }

    private static void churn() {
        while (!Thread.currentThread().isInterrupted()) {
            for (int k = 0; k < 64; k++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8 * (1 + k % 8));
                while (b.hasRemaining()) b.put((byte) 0x7f);
            }
            System.gc();
        }
    }

    @Override public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
