package org.elusive.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the line that breaks a text table's shape: a CSV record with more or fewer fields than the
 * header, a JSON line that is not an object. DuckDB's sniffer reports neither with a line (a ragged
 * CSV falls back to one column named after the header line, so the user is told a column is missing),
 * so the readers ask here when DuckDB fails or finds unexpected columns. It reads the file once, on
 * the error path only.
 */
final class TableShape {
    private TableShape() {}

    private static final JsonFactory JSON = new JsonFactory();

    /** The first shape error of a CSV or JSONL file, as "file line N: ..."; empty for Parquet or a sound file. */
    static Optional<String> firstError(Path file, TableFormat format) {
        try {
            return switch (format) {
                case CSV -> raggedRecord(file);
                case JSONL -> nonObjectLine(file);
                case PARQUET -> Optional.empty();
            };
        } catch (IOException e) {
            return Optional.empty(); // the caller reports DuckDB's own error
        }
    }

    /** The number of fields of the header record (RFC 4180 quoting), or -1 for an empty file. */
    static int headerFields(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new CsvRecords(r).next();
        }
    }

    private static Optional<String> raggedRecord(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecords records = new CsvRecords(r);
            int header = records.next();
            for (int n = records.next(); n >= 0; n = records.next()) {
                if (n != header && !records.blank) {
                    return Optional.of(file + " line " + records.startLine + ": " + n + " field" + (n == 1 ? "" : "s")
                            + " where the header has " + header + " (a ragged row)");
                }
            }
            return records.inQuotes ? Optional.of(file + " line " + records.startLine + ": a quote opened here is never closed")
                    : Optional.empty();
        }
    }

    private static Optional<String> nonObjectLine(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                String problem = objectProblem(line);
                if (problem != null) return Optional.of(file + " line " + lineNo + ": " + problem);
            }
            return Optional.empty();
        }
    }

    /** Why one JSON line is not exactly one object, or null. */
    static String objectProblem(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return "expected one JSON object per line, got " + (first == null ? "nothing" : kind(first));
            }
            p.skipChildren();
            if (p.nextToken() != null) return "expected one JSON object per line, got more after the object";
            return null;
        } catch (IOException e) { // a String source: only JSON errors
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return "expected one JSON object per line (" + why + ")";
        }
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** RFC 4180 records: fields split on commas outside quotes, records on newlines outside quotes. */
    private static final class CsvRecords {
        private final BufferedReader in;
        private int line = 1;
        int startLine;
        boolean inQuotes, blank;

        CsvRecords(BufferedReader in) { this.in = in; }

        /** The field count of the next record, or -1 at the end of the file. */
        int next() throws IOException {
            startLine = line;
            int fields = 1, c, chars = 0;
            inQuotes = false;
            while ((c = in.read()) >= 0) {
                if (c == '"') inQuotes = !inQuotes; // "" inside quotes toggles twice: still inside
                else if (c == ',' && !inQuotes) fields++;
                if (c == '\n') {
                    line++;
                    if (!inQuotes) break;
                }
                if (c != '\r' && c != '\n') chars++;
            }
            if (c < 0 && chars == 0 && !inQuotes) return -1;
            blank = chars == 0;
            return fields;
        }
    }
}
