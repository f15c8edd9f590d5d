package org.elusive.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.elusive.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint that cannot give real numbers stops `elusive eval` with one line naming the file, key
 * and value, exit 2, and no table: a broken config.json, a tokenizer of another model, NaN weights.
 */
class BadCheckpointTest {
    @TempDir Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(BadCheckpointTest.class.getResource("/scoring/" + name).toURI());
    }

    /** tiny-neox (hidden 16, 2 heads, vocab 50304) copied into {@code dir/model}, its config edited. */
    private Path model(Consumer<ObjectNode> edit) throws Exception {
        Path m = Files.createDirectories(dir.resolve("model"));
        try (Stream<Path> files = Files.list(resource("tiny-neox"))) {
            for (Path f : files.toList()) Files.copy(f, m.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(m.resolve("config.json").toFile());
        edit.accept(config);
        json.writeValue(m.resolve("config.json").toFile(), config);
        return m;
    }

    private CliRun eval(Path model) throws Exception {
        Path tasks = Files.createDirectories(dir.resolve("tasks")), data = dir.resolve("data");
        Files.writeString(tasks.resolve("toy.yaml"), "task: toy\ndataset_path: toy/qa\noutput_type: multiple_choice\n"
                + "test_split: test\ndoc_to_text: \"Q: {{q}}\\nA:\"\ndoc_to_choice: \"{{choices}}\"\ndoc_to_target: label\n");
        Path split = Files.createDirectories(data.resolve("toy/qa/default")).resolve("test.jsonl");
        Files.writeString(split, "{\"q\": \"the cat\", \"choices\": [\"sat\", \"ran\"], \"label\": 0}\n");
        return CliRun.run("eval", "--model", model.toString(), "--tokenizer", resource("toy-tokenizer.json").toString(),
                "--tasks-dir", tasks.toString(), "--tasks", "toy", "--data-dir", data.toString(),
                "--out", dir.resolve("out.csv").toString());
    }

    /** The one error line (DJL may log a warning of its own above it, e.g. about CUDA on a CPU node). */
    private static String error(CliRun r) {
        var errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), r.err());
        return errors.get(0);
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of((Consumer<ObjectNode>) c -> c.put("num_attention_heads", 0),
                        "key 'num_attention_heads': expected a positive integer, got 0"),
                Arguments.of((Consumer<ObjectNode>) c -> c.put("num_attention_heads", 3),
                        "key 'num_attention_heads': 3 heads do not divide hidden_size 16"),
                Arguments.of((Consumer<ObjectNode>) c -> c.put("hidden_size", -16),
                        "key 'hidden_size': expected a positive integer, got -16"),
                Arguments.of((Consumer<ObjectNode>) c -> {
                    c.remove("rope_parameters");
                    c.put("rotary_pct", 2);
                }, "key 'rotary_pct': expected a fraction in (0, 1], got 2.0"),
                Arguments.of((Consumer<ObjectNode>) c -> ((ObjectNode) c.get("rope_parameters")).put("partial_rotary_factor", 0),
                        "key 'rope_parameters.partial_rotary_factor': expected a fraction in (0, 1], got 0.0"));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void brokenConfigNamesFileKeyAndValue(Consumer<ObjectNode> edit, String message) throws Exception {
        Path m = model(edit);
        CliRun r = eval(m);
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + m.resolve("config.json") + ": " + message, error(r));
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    /** The toy tokenizer's ids reach 319: a model of 300 rows cannot embed them. */
    @Test
    void tokenizerOfAnotherModelIsRefusedBeforeTheWeightsLoad() throws Exception {
        Path m = model(c -> c.put("vocab_size", 300));
        CliRun r = eval(m);
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + resource("toy-tokenizer.json") + ": token id 319 is beyond vocab_size 300 of "
                + m.resolve("config.json") + " (a tokenizer of another model?)", error(r));
    }

    /** Every weight NaN (all bits set is NaN in fp32, fp16 and bf16): no "acc 0.5", an error naming checkpoint and doc. */
    @Test
    void nanWeightsAreAnErrorNamingCheckpointAndDoc() throws Exception {
        Path m = model(c -> { });
        try (RandomAccessFile f = new RandomAccessFile(m.resolve("model.safetensors").toFile(), "rw")) {
            byte[] len = new byte[8];
            f.readFully(len);
            long data = 8 + ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] nan = new byte[(int) (f.length() - data)];
            Arrays.fill(nan, (byte) 0xFF);
            f.seek(data);
            f.write(nan);
        }
        CliRun r = eval(m);
        assertEquals(2, r.code(), r.err());
        assertEquals("error: model@local: task toy doc 0 choice 0: log-likelihood NaN (NaN or infinite weights? in fp16, try --dtype fp32)",
                error(r));
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }
}
