package org.elusive.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.elusive.core.BadInputException;

/**
 * One task, as read from its YAML (includes merged) in lm-eval's format. {@link #requests} turns the
 * task's documents into scorer {@link Request}s exactly as lm-eval 0.4.13 builds its contexts.
 *
 * @param source     the YAML file, for error messages
 * @param datasetName the HF config; null means {@code default} in the data root
 * @param datasetRevision {@code dataset_kwargs.revision}: the dataset's branch, tag or commit; null = main
 * @param numFewshot the YAML's num_fewshot; null means 0
 * @param outputType {@code multiple_choice} or {@code loglikelihood}
 * @param sampler    {@code default} (Python's random.Random(1234).sample) or {@code first_n}
 * @param processDocs a {@link Builtins} process_docs name, or null
 * @param yaml       the merged YAML mapping (its hash is the fingerprint)
 */
public record TaskConfig(String name, String source, String datasetPath, String datasetName, String datasetRevision,
        String trainingSplit, String validationSplit, String testSplit, String fewshotSplit,
        Integer numFewshot, String outputType, String description,
        TaskField docToText, TaskField docToChoice, TaskField docToTarget,
        String targetDelimiter, String fewshotDelimiter, String sampler, String processDocs,
        List<String> tags, Map<String, Object> yaml) {

    /** Bumped when the way a config becomes requests changes, so that sweeps redo their units. */
    public static final String FORMAT_VERSION = "elusive-task-1";

    private static final Set<String> USED = Set.of("task", "tag", "dataset_path", "dataset_name",
            "training_split", "validation_split", "test_split", "fewshot_split", "num_fewshot", "output_type",
            "description", "doc_to_text", "doc_to_choice", "doc_to_target", "target_delimiter",
            "fewshot_delimiter", "fewshot_config", "process_docs", "dataset_kwargs");
    /** lm-eval keys that do not change the requests (metrics, aliases, decontamination, bookkeeping). */
    private static final Set<String> IGNORED = Set.of("task_alias", "group_alias", "metric_list", "metadata",
            "should_decontaminate", "doc_to_decontamination_query", "aggregate_metric_list",
            "repeats", "filter_list", "generation_kwargs", "unsafe_code");

    /** Builds a config from a merged YAML mapping; BadInputException naming the file and key. */
    public static TaskConfig fromYaml(Map<String, Object> y, String source) {
        for (String key : y.keySet()) {
            if (!USED.contains(key) && !IGNORED.contains(key)) {
                throw new BadInputException(source + ": key '" + key + "' is not supported (supported: "
                        + new java.util.TreeSet<>(USED) + ")");
            }
        }
        String name = string(y, "task", source, true);
        String outputType = Objects.requireNonNullElse(string(y, "output_type", source, false), "multiple_choice");
        if (!outputType.equals("multiple_choice") && !outputType.equals("loglikelihood")) {
            throw new BadInputException(source + ": output_type: expected multiple_choice or loglikelihood, got " + outputType);
        }
        String sampler = "default";
        if (y.get("fewshot_config") instanceof Map<?, ?> fc) {
            for (Object k : fc.keySet()) {
                if (!"sampler".equals(k)) throw new BadInputException(source + ": fewshot_config." + k + " is not supported (only sampler)");
            }
            sampler = String.valueOf(fc.get("sampler"));
            if (!sampler.equals("default") && !sampler.equals("first_n")) {
                throw new BadInputException(source + ": fewshot_config.sampler: expected default or first_n, got " + sampler);
            }
        } else if (y.get("fewshot_config") != null) {
            throw new BadInputException(source + ": fewshot_config: expected a mapping");
        }
        String processDocs = null;
        if (y.get("process_docs") != null) {
            if (!(y.get("process_docs") instanceof TaskYaml.FunctionRef f) || Builtins.processDocs(f.name()) == null) {
                throw new BadInputException(source + ": process_docs: expected !function NAME with NAME one of "
                        + Builtins.processDocsNames() + ", got " + y.get("process_docs"));
            }
            processDocs = f.name();
        }
        Object nf = y.get("num_fewshot");
        if (nf != null && !(nf instanceof Integer n && n >= 0)) {
            throw new BadInputException(source + ": num_fewshot: expected a non-negative integer, got " + nf);
        }
        TaskField text = field(y, "doc_to_text", source, true);
        TaskField choice = field(y, "doc_to_choice", source, false);
        TaskField target = field(y, "doc_to_target", source, true);
        if (outputType.equals("multiple_choice") && choice == null) {
            throw new BadInputException(source + ": doc_to_choice: required for output_type multiple_choice");
        }
        Object tag = y.get("tag");
        List<String> tags = tag == null ? List.of() : tag instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(tag));
        return new TaskConfig(name, source, string(y, "dataset_path", source, true), string(y, "dataset_name", source, false),
                revision(y.get("dataset_kwargs"), source),
                string(y, "training_split", source, false), string(y, "validation_split", source, false),
                string(y, "test_split", source, false), string(y, "fewshot_split", source, false),
                (Integer) nf, outputType, string(y, "description", source, false), text, choice, target,
                Objects.requireNonNullElse(string(y, "target_delimiter", source, false), " "),
                Objects.requireNonNullElse(string(y, "fewshot_delimiter", source, false), "\n\n"),
                sampler, processDocs, tags, y);
    }

    /**
     * {@code dataset_kwargs} as lm-eval passes it to {@code datasets.load_dataset}: {@code revision}
     * pins the dataset; {@code trust_remote_code} changes nothing offline. Any other key would load
     * other data than the one read here, so it is refused rather than ignored.
     */
    private static String revision(Object kwargs, String source) {
        if (kwargs == null) return null;
        if (!(kwargs instanceof Map<?, ?> m)) throw new BadInputException(source + ": dataset_kwargs: expected a mapping, got " + kwargs);
        for (Object k : m.keySet()) {
            if (!"revision".equals(k) && !"trust_remote_code".equals(k)) {
                throw new BadInputException(source + ": dataset_kwargs." + k + " is not supported (only revision and trust_remote_code)");
            }
        }
        Object rev = m.get("revision");
        if (rev != null && !(rev instanceof String)) throw new BadInputException(source + ": dataset_kwargs.revision: expected a string, got " + rev);
        return (String) rev;
    }

    private static String string(Map<String, Object> y, String key, String source, boolean required) {
        Object v = y.get(key);
        if (v == null) {
            if (required) throw new BadInputException(source + ": key '" + key + "' is required");
            return null;
        }
        if (v instanceof String s) return s;
        if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
        throw new BadInputException(source + ": " + key + ": expected a string, got " + v);
    }

    private static TaskField field(Map<String, Object> y, String key, String source, boolean required) {
        Object v = y.get(key);
        if (v == null) {
            if (required) throw new BadInputException(source + ": key '" + key + "' is required");
            return null;
        }
        if (v instanceof TaskYaml.FunctionRef f && Builtins.docFunction(f.name()) == null) {
            throw new BadInputException(source + ": " + key + ": unknown !function " + f.name() + " (known: "
                    + Builtins.docFunctionNames() + ")");
        }
        try {
            return TaskField.of(v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + key + ": " + e.getMessage());
        }
    }

    /** The split scored: test, else validation (as lm-eval's eval_docs). */
    public String evalSplit() {
        if (testSplit != null) return testSplit;
        if (validationSplit != null) return validationSplit;
        throw new BadInputException(source + ": task " + name + " has neither test_split nor validation_split");
    }

    /** The split few-shot examples come from: fewshot_split, else training, validation, test. */
    public String fewshotPoolSplit() {
        if (fewshotSplit != null) return fewshotSplit;
        if (trainingSplit != null) return trainingSplit;
        return evalSplit();
    }

    public int defaultNumFewshot() { return numFewshot == null ? 0 : numFewshot; }

    /** Requests for the task's eval docs from a data root (see {@link Datasets}). */
    public TaskRequests requests(Path dataRoot, OptionalInt numFewshot, OptionalInt limit) {
        return requests(Datasets.of(dataRoot), numFewshot, limit);
    }

    /** Requests for the first {@code limit} eval docs, with {@code numFewshot} overriding the YAML's. */
    public TaskRequests requests(Datasets data, OptionalInt numFewshot, OptionalInt limit) {
        return requests(data, numFewshot, DocSelection.first(limit.isPresent() ? Limit.count(limit.getAsInt()) : Limit.NONE));
    }

    /** Requests for the selected eval docs, with {@code numFewshot} overriding the YAML's. */
    public TaskRequests requests(Datasets data, OptionalInt numFewshot, DocSelection selection) {
        return new RequestBuilder(this, data).build(numFewshot.orElse(defaultNumFewshot()), selection);
    }

    /** The eval split's docs after process_docs, in doc-id order: lm-eval's eval_docs, what its samples log as doc. */
    public List<Map<String, Object>> evalDocs(Path dataRoot) {
        return new RequestBuilder(this, Datasets.of(dataRoot)).evalDocs();
    }

    /** lm-eval's doc_to_target of a processed doc: a gold index, a choice text or a continuation. */
    public Object docToTarget(Map<String, Object> doc) {
        return new RequestBuilder(this, null).target(doc);
    }

    /** SHA-256 of the merged YAML (canonical key order) and {@link #FORMAT_VERSION}. */
    public String fingerprint() {
        try {
            ObjectMapper m = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            String canonical = FORMAT_VERSION + "\n" + m.writeValueAsString(canonicalize(yaml));
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of this config scored with a few-shot count and a doc selection. */
    public String fingerprint(OptionalInt numFewshot, DocSelection selection) {
        return fingerprint() + ":k=" + numFewshot.orElse(defaultNumFewshot()) + ":" + selection.fingerprint(name);
    }

    private static Object canonicalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> t = new TreeMap<>();
            m.forEach((k, x) -> t.put(String.valueOf(k), canonicalize(x)));
            return t;
        }
        if (v instanceof List<?> l) return l.stream().map(TaskConfig::canonicalize).toList();
        if (v instanceof TaskYaml.FunctionRef f) return f.toString();
        return v;
    }
}
