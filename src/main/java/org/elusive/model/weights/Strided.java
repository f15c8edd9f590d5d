package org.elusive.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.elusive.core.BadInputException;

/** A strided view saved as such by torch.save (e.g. a transpose): gathered into row-major order, one tensor at a time. */
final class Strided {
    private Strided() {}

    /** The view's elements, row-major, as little-endian bytes of the stored type (read position 0). */
    static ByteBuffer gather(TensorFiles files, TensorFiles.Stored s, int width) {
        long[] shape = s.info().shape(), stride = s.stride();
        long span = 1;
        for (int i = 0; i < shape.length; i++) span += (shape[i] - 1) * stride[i];
        long n = s.numel();
        if (span * width > Integer.MAX_VALUE || n * width > Integer.MAX_VALUE) {
            throw new BadInputException(s.info().file() + ": tensor '" + s.info().name()
                    + "': a strided view over more than 2 GiB is not supported; re-save it contiguous");
        }
        ByteBuffer src = ByteBuffer.allocateDirect((int) (span * width)).order(ByteOrder.LITTLE_ENDIAN);
        files.readFully(s, s.offset(), src);
        ByteBuffer dst = ByteBuffer.allocateDirect((int) (n * width)).order(ByteOrder.LITTLE_ENDIAN);
        long[] idx = new long[shape.length];
        byte[] one = new byte[width];
        for (long k = 0; k < n; k++) {
            long off = 0;
            for (int i = 0; i < idx.length; i++) off += idx[i] * stride[i];
            src.get((int) (off * width), one);
            dst.put(one);
            for (int i = idx.length - 1; i >= 0 && ++idx[i] == shape[i]; i--) idx[i] = 0;
        }
        return dst.flip();
    }
}
