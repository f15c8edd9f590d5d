package org.elusive.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elusive.core.BadInputException;
import org.elusive.rows.ChoiceRow;

/**
 * Reads lm-evaluation-harness {@code --log_samples} output into choices rows. lm-eval writes, per
 * model, a directory with {@code results_<date>.json} and {@code samples_<task>_<date>.jsonl}; each
 * sample line has {@code doc_id}, {@code doc}, {@code target}, {@code arguments}
 * ({@code gen_args_i: {arg_0: context, arg_1: continuation}}) and {@code filtered_resps}
 * ({@code [[ll, is_greedy], ...]} as strings). What the samples do not record is filled in as:
 * {@code n_tokens} = -1 (unknown), {@code token_logprobs} absent, {@code n_chars}/{@code n_bytes}
 * from the continuation without its leading target delimiter (one space), as lm-eval's acc_norm.
 */
public final class LmEvalSamples {
    private LmEvalSamples() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLES = Pattern.compile("samples_(.+)_([^_]+)\\.jsonl");

    /** Every samples file under {@code dir} (recursively), as choices rows sorted by identity. */
    public static List<ChoiceRow> read(Path dir, ModelMap models) {
        if (!Files.isDirectory(dir)) throw new BadInputException(dir + ": not a directory (expected lm-eval's --output_path)");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> SAMPLES.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) throw new BadInputException(dir + ": no samples_<task>_<date>.jsonl files (run lm-eval with --log_samples)");
        List<ChoiceRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path f : files) {
            Matcher m = SAMPLES.matcher(f.getFileName().toString());
            m.matches();
            String task = m.group(1), date = m.group(2);
            ModelMap.Entry model = models.lookup(candidates(f.getParent(), date), f.toString());
            String unit = model.model() + "@" + model.revision() + " " + task;
            if (!seen.add(unit)) throw new BadInputException(f + ": a second samples file for " + unit);
            readFile(f, task, model, rows);
        }
        rows.sort(Comparator.comparing(ChoiceRow::family).thenComparing(ChoiceRow::model).thenComparing(ChoiceRow::revision)
                .thenComparing(ChoiceRow::task).thenComparingLong(ChoiceRow::docId).thenComparingInt(ChoiceRow::choice));
        return rows;
    }

    /** Names to look the run up by: pretrained@revision, pretrained, model_name, the directory name. */
    static List<String> candidates(Path dir, String date) {
        List<String> names = new ArrayList<>();
        Path results = dir.resolve("results_" + date + ".json");
        if (Files.isRegularFile(results)) {
            try {
                JsonNode root = JSON.readTree(results.toFile());
                JsonNode args = root.path("config").path("model_args");
                String pretrained = null, revision = null;
                if (args.isObject()) {
                    pretrained = args.path("pretrained").asText(null);
                    revision = args.path("revision").asText(null);
                } else if (args.isTextual()) {
                    for (String kv : args.asText().split(",")) {
                        String[] p = kv.split("=", 2);
                        if (p.length == 2 && p[0].trim().equals("pretrained")) pretrained = p[1].trim();
                        if (p.length == 2 && p[0].trim().equals("revision")) revision = p[1].trim();
                    }
                }
                if (pretrained != null && revision != null) names.add(pretrained + "@" + revision);
                if (pretrained != null) names.add(pretrained);
                String modelName = root.path("model_name").asText(null);
                if (modelName != null && !names.contains(modelName)) names.add(modelName);
            } catch (IOException e) {
                throw new BadInputException(results + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
        }
        String dirName = dir.getFileName().toString();
        if (!names.contains(dirName)) names.add(dirName);
        return names;
    }

    private static void readFile(Path f, String task, ModelMap.Entry model, List<ChoiceRow> out) {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String where = f + " line " + lineNo;
                JsonNode s;
                try {
                    s = JSON.readTree(line);
                } catch (IOException e) {
                    throw new BadInputException(where + ": not valid JSON");
                }
                readSample(s, where, task, model, out);
            }
            if (lineNo == 0) throw new BadInputException(f + ": empty file");
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    private static void readSample(JsonNode s, String where, String task, ModelMap.Entry model, List<ChoiceRow> out) {
        JsonNode docId = require(s, "doc_id", where);
        if (!docId.canConvertToLong()) throw new BadInputException(where + ": 'doc_id' is not an integer");
        List<String> continuations = new ArrayList<>();
        for (Iterator<JsonNode> it = require(s, "arguments", where).elements(); it.hasNext(); ) {
            JsonNode arg = it.next();
            continuations.add(arg.isArray() ? arg.path(1).asText() : arg.path("arg_1").asText());
        }
        if (continuations.isEmpty()) {
            throw new BadInputException(where + ": no choices in 'arguments' (expected a loglikelihood request per choice)");
        }
        JsonNode resps = s.has("filtered_resps") ? s.get("filtered_resps") : require(s, "resps", where);
        if (resps.size() != continuations.size()) {
            throw new BadInputException(where + ": " + resps.size() + " responses for " + continuations.size() + " choices");
        }
        int gold = gold(s, continuations, where);
        for (int i = 0; i < continuations.size(); i++) {
            JsonNode r = resps.get(i);
            if (r.isArray() && r.size() == 1 && r.get(0).isArray()) r = r.get(0); // resps: [[[ll, greedy]]]
            double ll;
            try {
                ll = Double.parseDouble(r.path(0).asText());
            } catch (NumberFormatException e) {
                throw new BadInputException(where + ": response " + i + " log-likelihood '" + r.path(0).asText() + "' is not a number");
            }
            boolean greedy = Boolean.parseBoolean(r.path(1).asText().toLowerCase());
            String text = continuations.get(i).startsWith(" ") ? continuations.get(i).substring(1) : continuations.get(i);
            out.add(new ChoiceRow(model.family(), model.model(), model.revision(), model.params(), model.tokens(),
                    model.compute(), task, docId.asLong(), i, i == gold, ll, -1,
                    text.codePointCount(0, text.length()), text.getBytes(StandardCharsets.UTF_8).length, greedy, null));
        }
    }

    /**
     * The gold index: WinoGrande's {@code answer} ("1"/"2", its choices are the contexts and the
     * logged target is the shared continuation), else an integer target, else the choice whose text
     * equals the target (as lm-eval's process_results does with choices.index(gold)).
     */
    static int gold(JsonNode s, List<String> continuations, String where) {
        JsonNode doc = s.path("doc");
        String answer = doc.path("answer").asText("");
        if (doc.has("option1") && doc.has("option2") && (answer.equals("1") || answer.equals("2"))) {
            return Integer.parseInt(answer) - 1;
        }
        JsonNode t = require(s, "target", where);
        if (t.isArray()) throw new BadInputException(where + ": 'target' is a list (several gold answers are not supported)");
        String text = t.asText().trim();
        int gold = -1;
        if (t.isIntegralNumber() || text.matches("\\d+")) {
            gold = text.length() > 9 ? -1 : Integer.parseInt(text);
        } else {
            for (int i = continuations.size() - 1; i >= 0; i--) if (continuations.get(i).trim().equals(text)) gold = i;
        }
        if (gold < 0 || gold >= continuations.size()) {
            throw new BadInputException(where + ": target '" + text + "' is not a choice index or choice of 0.." + (continuations.size() - 1));
        }
        return gold;
    }

    private static JsonNode require(JsonNode s, String field, String where) {
        JsonNode n = s.get(field);
        if (n == null || n.isNull()) throw new BadInputException(where + ": missing field '" + field + "'");
        return n;
    }
}
