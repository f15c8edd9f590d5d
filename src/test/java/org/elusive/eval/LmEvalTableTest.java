package org.elusive.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The printed table has lm-eval 0.4.13's rows: make_table's value matrix over lm-eval's own results
 * JSON (arc_easy + the mmlu group tree; scripts/reference/make_lm_eval_table.py), cell for cell.
 */
class LmEvalTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rowsEqualMakeTables() throws Exception {
        Path dir = Path.of(getClass().getResource("/lmeval_output").toURI());
        Path results;
        try (var s = Files.walk(dir.resolve("lm_eval"))) {
            results = s.filter(p -> p.getFileName().toString().startsWith("results_")).findFirst().orElseThrow();
        }
        Map<String, Object> r = JSON.readValue(results.toFile(), new TypeReference<>() {});
        JsonNode expected = JSON.readTree(dir.resolve("make_table.json").toFile());
        for (String column : List.of("results", "groups")) {
            List<List<String>> want = new ArrayList<>();
            for (JsonNode row : expected.get(column).get("rows")) {
                List<String> cells = new ArrayList<>();
                // pytablewriter prints a whole float version (1.0) as 1
                row.forEach(c -> cells.add(c.isNumber() ? String.valueOf(c.asLong()) : c.asText()));
                want.add(cells);
            }
            assertEquals(want, LmEvalTable.rows(r, column), column);
        }
        String text = LmEvalTable.render(r);
        assertTrue(text.startsWith("|"), text);
        assertTrue(text.contains("|mmlu ") && text.contains("| - humanities ") && text.contains("|  - formal_logic "), text);
        assertEquals(2, text.lines().filter(l -> l.contains("|Version|Filter|n-shot|")).count(), "a Tasks and a Groups table: " + text);
        assertTrue(text.contains("Groups"), text);
    }

    @Test
    void fourDecimalsRoundHalfToEvenOnTheBinaryValue() {
        assertEquals("0.0312", LmEvalTable.fixed4(0.03125));
        assertEquals("0.0938", LmEvalTable.fixed4(0.09375));
        assertEquals("0.3333", LmEvalTable.fixed4(1.0 / 3));
        assertEquals("1.0000", LmEvalTable.fixed4(1.0));
    }
}
