package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets as users have them, built here file by file as huggingface_hub lays them out: a hub cache
 * with two snapshots of one dataset (refs/main naming the newer, a tag naming the older, files as
 * links into blobs/), a {@code --local-dir} download, and a dataset card that names its files.
 */
class DatasetLayoutsTest {
    static final String OLD = "1111111111111111111111111111111111111111";
    static final String NEW = "2222222222222222222222222222222222222222";

    @TempDir Path tmp;
    Path hub;

    /** A file of a snapshot, stored as huggingface_hub stores it: a blob, and a relative link to it. */
    void snapshotFile(String commit, String rel, String content) throws IOException {
        Path repo = hub.resolve("datasets--allenai--ai2_arc");
        Path blob = repo.resolve("blobs").resolve(Integer.toHexString((commit + rel + content).hashCode()));
        Files.createDirectories(blob.getParent());
        Files.writeString(blob, content);
        Path link = repo.resolve("snapshots").resolve(commit).resolve(rel);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(blob));
    }

    static String doc(String question) {
        return "{\"id\": \"a\", \"question\": \"" + question + "\", \"choices\": {\"text\": [\"x\", \"y\"], \"label\": [\"A\", \"B\"]},"
                + " \"answerKey\": \"B\"}\n";
    }

    @BeforeEach
    void twoSnapshots() throws IOException {
        hub = tmp.resolve("hub");
        snapshotFile(OLD, "ARC-Easy/test-00000-of-00001.jsonl", doc("old?"));
        snapshotFile(NEW, "ARC-Easy/test-00000-of-00002.jsonl", doc("new 1?"));
        snapshotFile(NEW, "ARC-Easy/test-00001-of-00002.jsonl", doc("new 2?"));
        Path refs = hub.resolve("datasets--allenai--ai2_arc/refs");
        Files.createDirectories(refs);
        Files.writeString(refs.resolve("main"), NEW);
        Files.writeString(refs.resolve("v1"), OLD + "\n");
    }

    static List<Object> questions(List<Map<String, Object>> docs) { return docs.stream().map(d -> d.get("question")).toList(); }

    @Test
    void refsMainNamesTheSnapshotReadAndARevisionPinsAnother() {
        Datasets d = new Datasets(null, hub);
        // the older snapshot sorts first on disk: reading "any snapshot" would score it
        assertEquals(List.of("new 1?", "new 2?"), questions(d.load("allenai/ai2_arc", "ARC-Easy", "test")));
        assertEquals(List.of("old?"), questions(d.load("allenai/ai2_arc", "ARC-Easy", "v1", "test")));
        assertEquals(List.of("old?"), questions(d.load("allenai/ai2_arc", "ARC-Easy", OLD, "test")));
        assertEquals(NEW, d.locate("allenai/ai2_arc", "ARC-Easy", null, "test").revision());

        BadInputException e = assertThrows(BadInputException.class, () -> d.load("allenai/ai2_arc", "ARC-Easy", "v2", "test"));
        assertEquals(hub.resolve("datasets--allenai--ai2_arc/refs/v2") + ": missing, so revision 'v2' of datasets--allenai--ai2_arc"
                + " is not in the cache (snapshots present: [" + OLD + ", " + NEW + "])", e.getMessage());
    }

    @Test
    void theDataRootComesFirstAndTheHubCacheNeedsNoDataDir() throws IOException {
        Path root = tmp.resolve("root");
        Path mine = root.resolve("allenai/ai2_arc/ARC-Easy/test.jsonl");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, doc("mine?"));
        assertEquals(List.of("mine?"), questions(new Datasets(root, hub).load("allenai/ai2_arc", "ARC-Easy", "test")));
        assertEquals("local", new Datasets(root, hub).locate("allenai/ai2_arc", "ARC-Easy", null, "test").revision());
        // a root without the dataset falls through to the cache
        assertEquals(List.of("new 1?", "new 2?"), questions(new Datasets(tmp.resolve("empty"), hub).load("allenai/ai2_arc", "ARC-Easy", "test")));
    }

    @Test
    void aLocalDirDownloadUnderTheDataRootIsRead() throws IOException, SQLException {
        // huggingface-cli download --repo-type dataset allenai/ai2_arc --local-dir data/allenai/ai2_arc
        Path repo = tmp.resolve("data/allenai/ai2_arc");
        Path src = tmp.resolve("src.jsonl");
        Files.writeString(src, doc("local 1?") + doc("local 2?"));
        Path pq = repo.resolve("ARC-Easy/test-00000-of-00001.parquet");
        Files.createDirectories(pq.getParent());
        DatasetsTest.duckdb("COPY (SELECT * FROM read_json_auto('" + src + "')) TO '" + pq + "' (FORMAT PARQUET)");
        Path meta = repo.resolve(".cache/huggingface/download/ARC-Easy/test-00000-of-00001.parquet.metadata");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, NEW + "\n\"etag\"\n1732900000.0\n");   // what huggingface_hub records
        Files.writeString(repo.resolve("README.md"), "# no front matter\n");
        Datasets d = new Datasets(tmp.resolve("data"), null);
        assertEquals(List.of("local 1?", "local 2?"), questions(d.load("allenai/ai2_arc", "ARC-Easy", "test")));
        assertEquals(NEW, d.locate("allenai/ai2_arc", "ARC-Easy", null, "test").revision());

        // the default config: data/<split>-*.parquet
        Path piqa = tmp.resolve("data/baber/piqa/data/validation-00000-of-00001.jsonl");
        Files.createDirectories(piqa.getParent());
        Files.writeString(piqa, "{\"goal\": \"g\", \"sol1\": \"a\", \"sol2\": \"b\", \"label\": 1}\n");
        assertEquals(1, d.load("baber/piqa", null, "validation").get(0).get("label"));
        assertEquals("local", d.locate("baber/piqa", null, null, "validation").revision());   // no download record
    }

    @Test
    void theDatasetCardsConfigsNameTheFiles() throws IOException {
        snapshotFile(NEW, "README.md", """
                ---
                license: cc-by-sa-4.0
                configs:
                - config_name: ARC-Easy
                  data_files:
                  - split: test
                    path: ARC-Easy/test-00001-*
                - config_name: odd
                  data_dir: raw
                  data_files:
                  - split: test
                    path: [eval_b.jsonl, eval_a.jsonl]
                ---
                # AI2 ARC
                """);
        snapshotFile(NEW, "raw/eval_a.jsonl", doc("odd a?"));
        snapshotFile(NEW, "raw/eval_b.jsonl", doc("odd b?"));
        Datasets d = new Datasets(null, hub);
        assertEquals(List.of("new 2?"), questions(d.load("allenai/ai2_arc", "ARC-Easy", "test")));
        assertEquals(List.of("odd a?", "odd b?"), questions(d.load("allenai/ai2_arc", "odd", "test")));
        BadInputException e = assertThrows(BadInputException.class, () -> d.load("allenai/ai2_arc", "odd", "validation"));
        assertTrue(e.getMessage().contains("snapshots/" + NEW + " (no odd/validation files)"), e.getMessage());
    }

    @Test
    void theFingerprintFollowsTheRevisionAndTheContent() throws IOException {
        String atMain = new Datasets(null, hub).fingerprint("allenai/ai2_arc", "ARC-Easy", null, "test");
        String atV1 = new Datasets(null, hub).fingerprint("allenai/ai2_arc", "ARC-Easy", "v1", "test");
        assertTrue(atMain.startsWith("rev=" + NEW + ";sha256="), atMain);
        assertTrue(atV1.startsWith("rev=" + OLD + ";sha256="), atV1);
        assertEquals(atMain, new Datasets(null, hub).fingerprint("allenai/ai2_arc", "ARC-Easy", "main", "test"));

        Path root = tmp.resolve("root");
        Path f = root.resolve("allenai/ai2_arc/ARC-Easy/test.jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, doc("q?"));
        String before = new Datasets(root, null).fingerprint("allenai/ai2_arc", "ARC-Easy", null, "test");
        Files.writeString(f, doc("q!"));
        assertNotEquals(before, new Datasets(root, null).fingerprint("allenai/ai2_arc", "ARC-Easy", null, "test"));
    }

    @Test
    void aTaskPinsItsDatasetRevisionWithDatasetKwargs() {
        Map<String, Object> yaml = new java.util.LinkedHashMap<>(Map.of("task", "arc_pinned", "dataset_path", "allenai/ai2_arc",
                "dataset_name", "ARC-Easy", "test_split", "test", "doc_to_text", "{{question}}", "doc_to_choice", "{{choices.text}}",
                "doc_to_target", "{{choices.label.index(answerKey)}}"));
        yaml.put("dataset_kwargs", Map.of("revision", "v1"));
        TaskConfig pinned = TaskConfig.fromYaml(yaml, "pinned.yaml");
        TaskRequests r = pinned.requests(new Datasets(null, hub), OptionalInt.empty(), DocSelection.all());
        assertEquals(List.of("old?"), r.requests().stream().map(q -> q.contexts().get(0)).toList());

        yaml.put("dataset_kwargs", Map.of("data_files", "x.jsonl"));
        BadInputException e = assertThrows(BadInputException.class, () -> TaskConfig.fromYaml(yaml, "pinned.yaml"));
        assertEquals("pinned.yaml: dataset_kwargs.data_files is not supported (only revision and trust_remote_code)", e.getMessage());
    }
}
