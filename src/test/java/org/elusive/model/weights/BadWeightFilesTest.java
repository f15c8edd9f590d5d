package org.elusive.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed and malicious torch.save files: a one-line BadInputException naming the file, never a raw Java error. */
class BadWeightFilesTest {

    @TempDir Path tmp;

    /** A torch.save-shaped zip whose data.pkl is {@code pickle}. */
    private Path archive(byte[] pickle) throws IOException {
        Path file = tmp.resolve(TorchBinStore.SINGLE);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry e = new ZipEntry("archive/data.pkl");
            CRC32 crc = new CRC32();
            crc.update(pickle);
            e.setMethod(ZipEntry.STORED);
            e.setSize(pickle.length);
            e.setCrc(crc.getValue());
            out.putNextEntry(e);
            out.write(pickle);
            out.closeEntry();
        }
        return file;
    }

    private BadInputException refused(Path file) {
        BadInputException e = assertThrows(BadInputException.class, () -> WeightStore.open(tmp).close());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    /** 18 bytes that declare a 2 GiB string: refused before Pyrolite allocates it (it was an OutOfMemoryError). */
    @ParameterizedTest
    @ValueSource(ints = {'X', 'B', 'T'}) // BINUNICODE, BINBYTES, BINSTRING
    void hugeDeclaredLengthIsBoundedByTheFile(int opcode) throws IOException {
        byte[] pickle = bytes(0x80, 0x02, opcode, 0xFF, 0xFF, 0xFF, 0x7F, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', '.');
        assertEquals(18, pickle.length);
        BadInputException e = refused(archive(pickle));
        assertTrue(e.getMessage().contains("declares a value of 2147483647 bytes but only 11 bytes follow"), e.getMessage());
    }

    @Test
    void hugeEightByteLengthToo() throws IOException {
        byte[] pickle = bytes(0x80, 0x04, 0x8e, 0, 0, 0, 0, 0, 0, 0, 0x40, 'x', '.');
        assertTrue(refused(archive(pickle)).getMessage().contains("declares a value of"));
    }

    /** os.system by GLOBAL (protocol 2) and by STACK_GLOBAL (protocol 4): named, called not a tensor, and not loaded. */
    @Test
    void codeInAPickleIsNamedAndNotRun() throws IOException {
        byte[] global = "\u0080\u0002cos\nsystem\nq\u0000X\u0002\u0000\u0000\u0000lsq\u0001\u0085q\u0002Rq\u0003."
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] stackGlobal = "\u0080\u0004\u008c\u0002os\u0094\u008c\u0006system\u0094\u0093\u0094\u008c\u0002ls\u0094\u0085\u0094R\u0094."
                .getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] pickle : new byte[][] {global, stackGlobal}) {
            String m = refused(archive(pickle)).getMessage();
            assertTrue(m.contains("data.pkl references os.system, which is not a tensor; the file was not loaded"), m);
        }
        // inside an otherwise real state dict, as an operator would meet it
        byte[] inDict = "\u0080\u0002}q\u0000X\u0001\u0000\u0000\u0000wq\u0001c__builtin__\neval\nq\u0002X\u0001\u0000\u0000\u00001\u0085Rs."
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refused(archive(inDict)).getMessage().contains("references __builtin__.eval"));
    }

    /** Every single-byte corruption of the central directory's first entries: loads, or a one-line error naming the file (it was IndexOutOfBounds). */
    @Test
    void corruptCentralDirectoryIsBadInput() throws IOException {
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/bin/neox-fp32/pytorch_model.bin"));
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = good.length - 22;
        while (b.getInt(eocd) != 0x06054b50) eocd--;
        int cd = b.getInt(eocd + 16), cdEnd = Math.min(eocd, cd + 400); // the first entries: each field kind, several times
        Path file = tmp.resolve(TorchBinStore.SINGLE);
        int refusedCount = 0;
        for (int at = cd; at < cdEnd; at++) {
            for (int value : new int[] {0xFF, 0x00, 0x7F}) {
                byte[] bad = good.clone();
                bad[at] = (byte) value;
                Files.write(file, bad);
                try {
                    WeightStore.open(tmp).close();
                } catch (BadInputException e) {
                    assertTrue(e.getMessage().startsWith(file.toString()) && !e.getMessage().contains("\n"), e.getMessage());
                    refusedCount++;
                }
            }
        }
        assertTrue(refusedCount > (cdEnd - cd) / 2, refusedCount + " of " + 3 * (cdEnd - cd));
        // the case that was reported: a file-name length far past the directory
        byte[] bad = good.clone();
        bad[cd + 28] = (byte) 0xFF;
        bad[cd + 29] = (byte) 0xFF;
        Files.write(file, bad);
        assertTrue(refused(file).getMessage().contains("corrupt zip archive"));
    }
}
