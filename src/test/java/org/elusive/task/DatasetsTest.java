package org.elusive.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir Path tmp;

    static final String ARC_JSONL = """
            {"id": "a", "question": "Q1?", "choices": {"text": ["x", "y"], "label": ["A", "B"]}, "answerKey": "B"}
            {"id": "b", "question": "Q2 \\u00e9?", "choices": {"text": ["z", "w"], "label": ["A", "B"]}, "answerKey": "A"}
            """;

    static void duckdb(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void parquetCsvAndJsonlGiveTheSameDocs() throws IOException, SQLException {
        Path jsonl = tmp.resolve("root/allenai/ai2_arc/ARC-Easy/test.jsonl");
        Files.createDirectories(jsonl.getParent());
        Files.writeString(jsonl, ARC_JSONL);
        List<Map<String, Object>> want = Datasets.readFile(jsonl);
        assertEquals(2, want.size());
        assertEquals(Map.of("text", List.of("x", "y"), "label", List.of("A", "B")), want.get(0).get("choices"));

        Path pq = tmp.resolve("pq/allenai/ai2_arc/ARC-Easy/test.parquet");
        Files.createDirectories(pq.getParent());
        duckdb("COPY (SELECT * FROM read_json_auto('" + jsonl + "')) TO '" + pq + "' (FORMAT PARQUET)");
        assertEquals(want, new Datasets(tmp.resolve("pq"), null).load("allenai/ai2_arc", "ARC-Easy", "test"));

        Path csv = tmp.resolve("csv/org/flat/default/validation.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "goal,sol1,sol2,label\n\"Open a jar, fast\",twist,pull,0\nDry hair,towel,oven,0\n");
        List<Map<String, Object>> docs = new Datasets(tmp.resolve("csv"), null).load("org/flat", null, "validation");
        assertEquals(Map.of("goal", "Open a jar, fast", "sol1", "twist", "sol2", "pull", "label", 0), docs.get(0));
    }

    @Test
    void badJsonlNamesTheLine() throws IOException {
        Path f = tmp.resolve("org/x/default/test.jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"a\": 1}\n{\"a\": \n");
        BadInputException e = assertThrows(BadInputException.class, () -> new Datasets(tmp, null).load("org/x", null, "test"));
        assertTrue(e.getMessage().contains("test.jsonl line 2: expected one JSON object per line"), e.getMessage());
    }

    @Test
    void anEmptySplitIsAnErrorNamingTheFile() throws IOException, SQLException {
        Path jsonl = tmp.resolve("j/org/x/default/test.jsonl");
        Files.createDirectories(jsonl.getParent());
        Files.writeString(jsonl, "\n");
        BadInputException e = assertThrows(BadInputException.class, () -> new Datasets(tmp.resolve("j"), null).load("org/x", null, "test"));
        assertEquals(jsonl + ": no documents (an empty split)", e.getMessage());

        Path pq = tmp.resolve("p/org/x/default/test.parquet");
        Files.createDirectories(pq.getParent());
        duckdb("COPY (SELECT 1 AS a WHERE false) TO '" + pq + "' (FORMAT PARQUET)");
        e = assertThrows(BadInputException.class, () -> new Datasets(tmp.resolve("p"), null).load("org/x", null, "test"));
        assertEquals(pq + ": no documents (an empty split)", e.getMessage());
    }

    @Test
    void aJsonlLineThatIsNotAnObjectIsNamedByItsLine() throws IOException {
        Path f = tmp.resolve("org/y/default/test.jsonl");
        Files.createDirectories(f.getParent());
        for (String[] c : new String[][] {{"[1]", "an array"}, {"null", "null"}, {"7", "a number"}}) {
            Files.writeString(f, "{\"a\": 1}\n\n" + c[0] + "\n");
            BadInputException e = assertThrows(BadInputException.class, () -> Datasets.readFile(f));
            assertEquals(f + " line 3: expected one JSON object per line, got " + c[1], e.getMessage());
        }
    }
}
