package org.elusive.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;

/**
 * A dataset split's documents: one JSON object per row with its values typed (numbers, lists, nested
 * objects), as Hugging Face {@code datasets} loads them. JSON lines are parsed by Jackson, so values
 * keep their exact JSON types; Parquet and CSV go through DuckDB with column types inferred (a CSV
 * label {@code 0} is the number 0, as pandas reads it).
 */
public final class Documents {
    private Documents() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> DOC = new TypeReference<>() { };

    /** The documents of one .jsonl/.json, .parquet or .csv file, in file order. */
    public static List<Map<String, Object>> read(Path file) {
        TableFormat format = TableFormat.fromPath(file);
        return format == TableFormat.JSONL ? readJsonLines(file) : readTyped(file, format);
    }

    private static List<Map<String, Object>> readJsonLines(Path file) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                Map<String, Object> doc = parse(line);
                if (doc == null) {
                    String problem = TableShape.objectProblem(line);
                    throw new BadInputException(file + " line " + lineNo + ": "
                            + (problem != null ? problem : "expected one JSON object per line"));
                }
                docs.add(doc);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return docs;
    }

    /** The object on one line, or null when the line is not one (the caller says why). */
    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, DOC);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static List<Map<String, Object>> readTyped(Path file, TableFormat format) {
        if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such file");
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Connection c = Duck.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_json(t)::VARCHAR FROM " + Duck.typedSource(file, format) + " t")) {
            while (rs.next()) docs.add(JSON.readValue(rs.getString(1), DOC));
        } catch (SQLException e) {
            throw new BadInputException(TableShape.firstError(file, format)
                    .orElse(file + ": cannot read as " + format.extension() + " (" + Duck.firstLine(e) + ")"), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return docs;
    }
}
