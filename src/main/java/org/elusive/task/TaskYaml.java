package org.elusive.task;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.elusive.core.YamlErrors;

/**
 * Reads lm-eval task YAML: plain YAML plus the {@code !function name} tag (kept as a {@link FunctionRef})
 * and {@code include: base.yaml} (the base's keys, overridden by the including file's, as lm-eval's
 * shallow merge; the path is relative to the including file).
 */
final class TaskYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** A {@code !function name} value: a Java port from {@link Builtins}. */
    record FunctionRef(String name) {
        @Override public String toString() { return "!function " + name; }
    }

    private TaskYaml() {}

    /** The file's mapping with its includes merged in. */
    static Map<String, Object> load(Path file) { return load(file, 0); }

    private static Map<String, Object> load(Path file, int depth) {
        if (depth > 10) throw new BadInputException(file + ": include: nesting deeper than 10 (a cycle?)");
        Map<String, Object> own = parse(file);
        Object include = own.remove("include");
        if (include == null) return own;
        if (!(include instanceof String inc)) throw new BadInputException(file + ": include: expected a file name, got " + include);
        Path base = file.getParent() == null ? file.getFileSystem().getPath(inc) : file.getParent().resolve(inc);
        Map<String, Object> merged = new LinkedHashMap<>(load(base, depth + 1));
        merged.putAll(own);
        return merged;
    }

    static Map<String, Object> parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such task file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
        try (YAMLParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return new LinkedHashMap<>();
            if (t != JsonToken.START_OBJECT) throw new BadInputException(file + ": expected a mapping of task keys");
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) value(p, t);
            return m;
        } catch (IOException e) {
            throw new BadInputException(file + ": invalid YAML at " + YamlErrors.describe(e), e);
        }
    }

    private static Object value(YAMLParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    m.put(key, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) l.add(value(p, v));
                return l;
            }
            case VALUE_STRING -> {
                String tag = p.getTypeId();
                if ("function".equals(tag)) return new FunctionRef(p.getText().strip());
                return p.getText();
            }
            case VALUE_NUMBER_INT -> { return p.getNumberValue().intValue(); }
            case VALUE_NUMBER_FLOAT -> { return p.getDoubleValue(); }
            case VALUE_TRUE -> { return true; }
            case VALUE_FALSE -> { return false; }
            case VALUE_NULL -> { return null; }
            default -> throw new IOException("unexpected YAML token " + t);
        }
    }
}
