package org.elusive.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elusive.core.BadInputException;

/**
 * The entries of a zip archive with the absolute offset of each entry's data, read from the central
 * directory (ZIP64 included). java.util.zip hides those offsets, and we need them to memory-map the
 * STORED storage blobs of a torch.save archive in place instead of copying them.
 */
final class ZipEntries {

    record Entry(String name, long dataOffset, long size) {}

    private static final int EOCD_SIG = 0x06054b50, ZIP64_LOCATOR_SIG = 0x07064b50, ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50, LOCAL_SIG = 0x04034b50;

    private ZipEntries() {}

    /** Name → entry, in central-directory order. Compressed entries, truncation and bad records: BadInputException. */
    static Map<String, Entry> read(Path file, FileChannel ch) throws IOException {
        long length = ch.size();
        int tail = (int) Math.min(length, 22 + 65535 + 20);
        ByteBuffer end = readAt(ch, length - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == EOCD_SIG) { eocd = i; break; }
        }
        if (eocd < 0) {
            throw new BadInputException(file + ": not a complete zip archive (no end-of-central-directory record;"
                    + " the file is truncated or not a torch.save checkpoint)");
        }
        long count = end.getShort(eocd + 10) & 0xFFFF;
        long cdSize = end.getInt(eocd + 12) & 0xFFFFFFFFL;
        long cdOffset = end.getInt(eocd + 16) & 0xFFFFFFFFL;
        if (eocd >= 20 && end.getInt(eocd - 20) == ZIP64_LOCATOR_SIG) {
            long z64 = end.getLong(eocd - 20 + 8);
            ByteBuffer rec = readAt(ch, z64, 56, file, length);
            if (rec.getInt(0) != ZIP64_EOCD_SIG) throw corrupt(file, "bad ZIP64 end-of-central-directory record");
            count = rec.getLong(32);
            cdSize = rec.getLong(40);
            cdOffset = rec.getLong(48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset > length - cdSize || cdSize > Integer.MAX_VALUE) {
            throw corrupt(file, "central directory beyond end of file");
        }
        ByteBuffer cd = readAt(ch, cdOffset, (int) cdSize);
        Map<String, Entry> out = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > cdSize || cd.getInt(p) != CENTRAL_SIG) throw corrupt(file, "bad central directory entry " + i);
            int method = cd.getShort(p + 10) & 0xFFFF;
            long size = cd.getInt(p + 24) & 0xFFFFFFFFL;
            long compressed = cd.getInt(p + 20) & 0xFFFFFFFFL;
            int nameLen = cd.getShort(p + 28) & 0xFFFF, extraLen = cd.getShort(p + 30) & 0xFFFF;
            int commentLen = cd.getShort(p + 32) & 0xFFFF;
            long local = cd.getInt(p + 42) & 0xFFFFFFFFL;
            if (p + 46L + nameLen + extraLen + commentLen > cdSize) throw corrupt(file, "central directory entry " + i + " runs past the directory");
            byte[] nameBytes = new byte[nameLen];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // ZIP64 extra field: the 0xFFFFFFFF fields, in this order
            int e = p + 46 + nameLen, eEnd = e + extraLen;
            while (e + 4 <= eEnd) {
                int id = cd.getShort(e) & 0xFFFF, len = cd.getShort(e + 2) & 0xFFFF;
                if (e + 4 + len > eEnd) throw corrupt(file, "extra field of entry " + name + " runs past its record");
                if (id == 1) { // each value present only where the 32-bit field says 0xFFFFFFFF
                    int q = e + 4, qEnd = e + 4 + len;
                    if (size == 0xFFFFFFFFL) { size = zip64Field(cd, q, qEnd, file, name); q += 8; }
                    if (compressed == 0xFFFFFFFFL) { compressed = zip64Field(cd, q, qEnd, file, name); q += 8; }
                    if (local == 0xFFFFFFFFL) { local = zip64Field(cd, q, qEnd, file, name); }
                }
                e += 4 + len;
            }
            if (method != 0) throw corrupt(file, "entry " + name + " is compressed (method " + method + "); torch.save writes STORED entries");
            ByteBuffer lh = readAt(ch, local, 30, file, length);
            if (lh.getInt(0) != LOCAL_SIG) throw corrupt(file, "bad local header for entry " + name);
            long data = local + 30 + (lh.getShort(26) & 0xFFFF) + (lh.getShort(28) & 0xFFFF);
            if (size < 0 || data > length - size) {
                throw new BadInputException(file + ": truncated: entry " + name + " ends at byte " + (data + size)
                        + " but the file has " + length + " bytes");
            }
            out.put(name, new Entry(name, data, size));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return out;
    }

    private static long zip64Field(ByteBuffer cd, int q, int end, Path file, String name) {
        if (q + 8 > end) throw corrupt(file, "ZIP64 extra field of entry " + name + " is too short");
        return cd.getLong(q);
    }

    static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) throw new IOException("unexpected end of file at " + (pos + b.position()));
        }
        return b.flip();
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int n, Path file, long length) throws IOException {
        if (pos < 0 || pos > length - n) throw corrupt(file, "record at byte " + pos + " lies beyond the end of the file");
        return readAt(ch, pos, n);
    }

    private static BadInputException corrupt(Path file, String what) {
        return new BadInputException(file + ": corrupt zip archive: " + what);
    }
}
