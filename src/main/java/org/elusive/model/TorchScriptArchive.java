package org.elusive.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the TorchScript archive of a module that has methods and no tensors, from its serialized
 * source, so that no binary is committed and no Python is needed to make it.
 *
 * <p>Why write it ourselves: an archive saved by a newer torch may use a format or operator versions
 * libtorch 2.7.1 cannot read. This one holds only what {@code torch::jit::load} reads for such a
 * module (PyTorchStreamReader + ScriptModuleDeserializer): the {@code version} record, {@code
 * constants.pkl} (an empty tuple), {@code data.pkl} (the module object: its class and its one
 * attribute, {@code training}) and {@code code/__torch__.py}, which the source importer compiles when
 * the unpickler asks for the class {@code __torch__.<name>}. Entries are stored, not deflated; all
 * sit under one top-level folder, as the reader requires.
 */
final class TorchScriptArchive {
    private TorchScriptArchive() {}

    /** The lowest format version torch writes (3: type-tagged containers); no operator used here has an upgrader. */
    private static final String VERSION = "3\n";

    /**
     * @param className the class, defined in {@code source} as {@code class <className>(Module):}
     * @param source    the serialized TorchScript of {@code code/__torch__.py}
     * @return the bytes of a {@code .pt} file
     */
    static byte[] write(String className, String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "archive/data.pkl", modulePickle(className));
            stored(zip, "archive/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, "archive/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, "archive/version", VERSION.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * Pickle protocol 2 of the module object, as torch's Pickler writes an object without
     * {@code __getstate__}: GLOBAL, EMPTY_TUPLE, NEWOBJ, then a dict of its attributes and BUILD.
     * The module is in eval mode ({@code training} False): nothing here depends on it.
     */
    private static byte[] modulePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO 2
        p.write(2);
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.write(')'); // EMPTY_TUPLE
        p.write(0x81); // NEWOBJ
        p.write('}'); // EMPTY_DICT
        p.write('('); // MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X'); // BINUNICODE, little-endian length
        p.write(key.length);
        p.writeBytes(new byte[3]);
        p.writeBytes(key);
        p.write(0x89); // NEWFALSE
        p.write('u'); // SETITEMS
        p.write('b'); // BUILD
        p.write('.'); // STOP
        return p.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTime(0); // the same bytes on every run
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
