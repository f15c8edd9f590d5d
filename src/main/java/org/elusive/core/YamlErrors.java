package org.elusive.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line from a YAML parse error, whose SnakeYAML message spans several lines (context, a source
 * excerpt with a caret, the problem): "line 3 column 6: while parsing a flow sequence; expected ',' or
 * ']', but got :". The position is the problem's, which Jackson's own location sometimes misses.
 */
public final class YamlErrors {
    private static final Pattern MARK = Pattern.compile("in '[^']*', line (\\d+), column (\\d+)");

    private YamlErrors() {}

    public static String describe(IOException e) {
        String text = e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
        String where = "";
        Matcher m = MARK.matcher(text);
        while (m.find()) where = "line " + m.group(1) + " column " + m.group(2) + ": ";
        if (where.isEmpty() && e instanceof JsonProcessingException j && j.getLocation() != null) {
            JsonLocation l = j.getLocation();
            if (l.getLineNr() > 0) where = "line " + l.getLineNr() + " column " + l.getColumnNr() + ": ";
        }
        String problem = text.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; "));
        return where + problem;
    }
}
