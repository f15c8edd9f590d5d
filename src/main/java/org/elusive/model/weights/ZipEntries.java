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

    /** Where the central directory lies and how many entries it holds. */
    private record Directory(long count, long size, long offset) {}

    /** Name → entry, in central-directory order. Compressed entries, truncation and bad records: BadInputException. */
    static Map<String, Entry> read(Path file, FileChannel ch) throws IOException {
        long length = ch.size();
        Directory dir = directory(file, ch, length);
        ByteBuffer cd = readAt(ch, dir.offset(), (int) dir.size());
        Map<String, Entry> out = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < dir.count(); i++) {
            if (p + 46 > dir.size() || cd.getInt(p) != CENTRAL_SIG) throw corrupt(file, "bad central directory entry " + i);
            int recordLength = 46 + u16(cd, p + 28) + u16(cd, p + 30) + u16(cd, p + 32);
            if (p + (long) recordLength > dir.size()) {
                throw corrupt(file, "central directory entry " + i + " runs past the directory");
            }
            Entry entry = entry(file, ch, length, cd, p);
            out.put(entry.name(), entry);
            p += recordLength;
        }
        return out;
    }

    /**
     * Finds the end-of-central-directory record by scanning back from the end (it is followed by a
     * comment of up to 65535 bytes), then its ZIP64 counterpart when a locator precedes it.
     */
    private static Directory directory(Path file, FileChannel ch, long length) throws IOException {
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
        long count = u16(end, eocd + 10);
        long cdSize = u32(end, eocd + 12);
        long cdOffset = u32(end, eocd + 16);
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
        return new Directory(count, cdSize, cdOffset);
    }

    /**
     * The central-directory record at {@code p} (already checked to lie inside the directory): its
     * sizes and local-header offset, widened by a ZIP64 extra field, and the offset of its data, which
     * only the local header's own name and extra lengths give.
     */
    private static Entry entry(Path file, FileChannel ch, long length, ByteBuffer cd, int p) throws IOException {
        int method = u16(cd, p + 10);
        int nameLen = u16(cd, p + 28), extraLen = u16(cd, p + 30);
        byte[] nameBytes = new byte[nameLen];
        cd.get(p + 46, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        // size, compressed size, local header offset
        long[] fields = {u32(cd, p + 24), u32(cd, p + 20), u32(cd, p + 42)};
        widenZip64(cd, p + 46 + nameLen, p + 46 + nameLen + extraLen, fields, file, name);
        long size = fields[0], local = fields[2];
        if (method != 0) throw corrupt(file, "entry " + name + " is compressed (method " + method + "); torch.save writes STORED entries");
        ByteBuffer lh = readAt(ch, local, 30, file, length);
        if (lh.getInt(0) != LOCAL_SIG) throw corrupt(file, "bad local header for entry " + name);
        long data = local + 30 + u16(lh, 26) + u16(lh, 28);
        if (size < 0 || data > length - size) {
            throw new BadInputException(file + ": truncated: entry " + name + " ends at byte " + (data + size)
                    + " but the file has " + length + " bytes");
        }
        return new Entry(name, data, size);
    }

    /**
     * ZIP64 extra field (id 1) in the extra bytes [e, eEnd): it holds a 64-bit value only for each of
     * {size, compressed, local} whose 32-bit field says 0xFFFFFFFF, in that order.
     */
    private static void widenZip64(ByteBuffer cd, int e, int eEnd, long[] fields, Path file, String name) {
        while (e + 4 <= eEnd) {
            int id = u16(cd, e), len = u16(cd, e + 2);
            if (e + 4 + len > eEnd) throw corrupt(file, "extra field of entry " + name + " runs past its record");
            if (id == 1) {
                int q = e + 4, qEnd = e + 4 + len;
                for (int f = 0; f < fields.length; f++) {
                    if (fields[f] == 0xFFFFFFFFL) { fields[f] = zip64Field(cd, q, qEnd, file, name); q += 8; }
                }
            }
            e += 4 + len;
        }
    }

    private static int u16(ByteBuffer b, int at) { return b.getShort(at) & 0xFFFF; }

    private static long u32(ByteBuffer b, int at) { return b.getInt(at) & 0xFFFFFFFFL; }

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
