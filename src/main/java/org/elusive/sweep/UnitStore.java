package org.elusive.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elusive.rows.ChoiceRow;
import org.elusive.store.TableFormat;
import org.elusive.store.Tables;

/**
 * The on-disk state of a sweep's units under {@code <out>/choices/}: per unit
 * {@code <family>/<model-slug>/<revision>/<task>.parquet} (immutable once written), its manifest
 * entry {@code <task>.done.json} (fingerprint; written after the parquet, so it is the commit mark),
 * {@code <task>.failed.json}, {@code <task>.lock} (an OS lock, released by the kernel when its
 * process dies) and {@code <task>.parts/} (chunks of a unit in progress).
 */
public final class UnitStore {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)\\.parquet");

    /** Manifest entry of a completed unit. */
    public record Done(String unit, String fingerprint, Map<String, String> parts, long rows, int requests,
            String host, String finished) {}

    /** A unit that could not be scored; {@code missing} when its checkpoint or data is not on disk. */
    public record Failed(String unit, String kind, String error, String host, String when) {}

    /** A saved chunk of requests [from, to) of a unit in progress. */
    public record Part(int from, int to, Path file) {}

    private final Path out;

    public UnitStore(Path out) { this.out = out; }

    public Path out() { return out; }
    public Path choicesDir() { return out.resolve("choices"); }
    public Path unitFile(Unit u) { return choicesDir().resolve(u.id() + ".parquet"); }
    Path doneFile(Unit u) { return sibling(u, ".done.json"); }
    Path failedFile(Unit u) { return sibling(u, ".failed.json"); }
    Path lockFile(Unit u) { return sibling(u, ".lock"); }
    Path partsDir(Unit u) { return sibling(u, ".parts"); }

    private Path sibling(Unit u, String suffix) { return choicesDir().resolve(u.id() + suffix); }

    /** The manifest entry, if the unit is complete (its parquet and its done record both exist). */
    public Optional<Done> done(Unit u) {
        Path f = doneFile(u);
        if (!Files.exists(f) || !Files.exists(unitFile(u))) return Optional.empty();
        return Optional.of(readJson(f, Done.class));
    }

    public Optional<Failed> failed(Unit u) {
        Path f = failedFile(u);
        return Files.exists(f) ? Optional.of(readJson(f, Failed.class)) : Optional.empty();
    }

    /** An exclusive OS lock on the unit, or empty when another process (or thread) holds it. */
    public Optional<UnitLock> tryLock(Unit u) {
        return tryLock(lockFile(u));
    }

    static Optional<UnitLock> tryLock(Path lockFile) {
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new UnitLock(ch, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /** Is some live process working on the unit right now? */
    public boolean busy(Unit u) {
        if (!Files.exists(lockFile(u))) return false;
        Optional<UnitLock> l = tryLock(u);
        l.ifPresent(UnitLock::close);
        return l.isEmpty();
    }

    /** Holder of a unit lock; closing releases it (the lock file stays: deleting it would race). */
    public record UnitLock(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the kernel drops the lock with the channel anyway
            }
        }
    }

    /**
     * Prepares a unit's parts directory for a run with this fingerprint (the caller holds the unit
     * lock): parts of another fingerprint and temp files of killed runs are deleted; returns the
     * contiguous parts from request 0, after which scoring resumes.
     */
    public List<Part> resumeParts(Unit u, String fingerprint) {
        Path dir = partsDir(u);
        Path fp = dir.resolve("fingerprint");
        try {
            deleteTempFiles(u);
            if (Files.exists(dir) && (!Files.exists(fp) || !Files.readString(fp).equals(fingerprint))) deleteTree(dir);
            Files.createDirectories(dir);
            if (!Files.exists(fp)) AtomicFiles.writeString(fp, fingerprint);
            List<Part> parts = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Matcher m = PART.matcher(f.getFileName().toString());
                    if (m.matches()) parts.add(new Part(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), f));
                    else if (!f.getFileName().toString().equals("fingerprint")) Files.delete(f);   // temp files of a killed run
                }
            }
            parts.sort(Comparator.comparingInt(Part::from));
            List<Part> contiguous = new ArrayList<>();
            int next = 0;
            for (Part p : parts) {
                if (p.from() == next && p.to() > p.from()) {
                    contiguous.add(p);
                    next = p.to();
                } else {
                    Files.delete(p.file());   // cannot happen with one writer per unit; never keep overlaps
                }
            }
            return contiguous;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare parts of " + u.id() + " in " + dir, e);
        }
    }

    public Part writePart(Unit u, int from, int to, List<ChoiceRow> rows) {
        Path f = partsDir(u).resolve(String.format("part-%09d-%09d.parquet", from, to));
        Tables.writeChoices(f, rows, TableFormat.PARQUET);   // atomic: temp file + rename
        return new Part(from, to, f);
    }

    /** Merges the parts into the unit file, writes the manifest entry, then removes the parts. */
    public Done commit(Unit u, Fingerprint fp, List<Part> parts, int requests) {
        try {
            List<ChoiceRow> rows = new ArrayList<>();
            for (Part p : parts) rows.addAll(Tables.readChoices(p.file()));
            Files.deleteIfExists(EngineAggregator.scoresCache(unitFile(u)));   // derived from the old unit file
            Tables.writeChoices(unitFile(u), rows, TableFormat.PARQUET);
            Done done = new Done(u.id(), fp.id(), fp.parts(), rows.size(), requests, host(), Instant.now().toString());
            AtomicFiles.writeString(doneFile(u), JSON.writeValueAsString(done));
            Files.deleteIfExists(failedFile(u));
            deleteTree(partsDir(u));
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot commit " + u.id() + ": " + e.getMessage(), e));
        }
    }

    public void fail(Unit u, String kind, String error) {
        try {
            Failed f = new Failed(u.id(), kind, error, host(), Instant.now().toString());
            AtomicFiles.writeString(failedFile(u), JSON.writeValueAsString(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a completed unit's leftover parts and temp files; the caller holds the unit lock. */
    public void cleanUp(Unit u) {
        try {
            deleteTree(partsDir(u));
            deleteTempFiles(u);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + u.id(), e);
        }
    }

    /** Temp files of this unit left by a killed writer (the caller holds the unit lock, so none is live). */
    private void deleteTempFiles(Unit u) throws IOException {
        Path dir = unitFile(u).getParent();
        if (!Files.isDirectory(dir)) return;
        String task = u.task();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                boolean mine = n.startsWith(AtomicFiles.TMP_PREFIX) && n.matches("\\.tmp-[0-9a-f-]{36}-" + Pattern.quote(task) + "\\..*")
                        || n.startsWith("." + task + ".") && n.endsWith(".tmp");
                if (mine) Files.deleteIfExists(f);
            }
        }
    }

    /** Unit files of every completed unit in the directory, sorted by path (any run, any shard). */
    public List<Path> doneUnitFiles() {
        Path dir = choicesDir();
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".done.json"))
                    .map(f -> f.resolveSibling(f.getFileName().toString().replace(".done.json", ".parquet")))
                    .filter(Files::exists).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The manifest entry of every completed unit, by unit file (sorted by path; any run, any shard). */
    public SortedMap<Path, Done> doneUnits() {
        SortedMap<Path, Done> done = new TreeMap<>();
        for (Path f : doneUnitFiles()) {
            String n = f.getFileName().toString();
            done.put(f, readJson(f.resolveSibling(n.substring(0, n.length() - ".parquet".length()) + ".done.json"), Done.class));
        }
        return done;
    }

    /** Rows already saved in a unit's parts (for progress display). */
    static int rowsEnd(List<Part> parts) { return parts.isEmpty() ? 0 : parts.get(parts.size() - 1).to(); }

    static <T> T readJson(Path f, Class<T> type) {
        try {
            return JSON.readValue(f.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
        } catch (IOException e) {
            return "unknown:" + ProcessHandle.current().pid();
        }
    }
}
