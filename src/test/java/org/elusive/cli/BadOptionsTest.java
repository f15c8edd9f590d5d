package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.elusive.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counts out of range, an unknown --format and an unwritable --out stop `eval` and `sweep` with one
 * line and exit 2 before anything loads: the model named here does not exist, so an error about
 * anything but the option would mean the option was checked too late.
 */
class BadOptionsTest {
    @TempDir static Path dir;

    static Stream<Arguments> cases() {
        String range = "error: Invalid value for option '%s': '%s': expected a whole number >= %d (see: elusive %s --help)";
        String limit = "error: Invalid value for option '--limit': '%s': expected a count >= 1 or a fraction in (0, 1) (see: elusive %s --help)";
        return Stream.of(
                Arguments.of("eval", List.of("--limit", "-5"), limit.formatted("-5", "eval")),
                Arguments.of("eval", List.of("--limit", "0"), limit.formatted("0", "eval")),
                Arguments.of("eval", List.of("--batch-tokens", "0"), range.formatted("--batch-tokens", "0", 1, "eval")),
                Arguments.of("eval", List.of("--batch-tokens", "-1"), range.formatted("--batch-tokens", "-1", 1, "eval")),
                Arguments.of("eval", List.of("--row-tokens", "-1"), range.formatted("--row-tokens", "-1", 0, "eval")),
                Arguments.of("eval", List.of("--num-fewshot", "-1"), range.formatted("--num-fewshot", "-1", 0, "eval")),
                Arguments.of("eval", List.of("--max-length", "0"), range.formatted("--max-length", "0", 1, "eval")),
                Arguments.of("eval", List.of("--limit", "many"), limit.formatted("many", "eval")),
                Arguments.of("sweep", List.of("--limit", "-5"), limit.formatted("-5", "sweep")),
                Arguments.of("sweep", List.of("--batch-tokens", "0"), range.formatted("--batch-tokens", "0", 1, "sweep")),
                Arguments.of("sweep", List.of("--batch-tokens", "-1"), range.formatted("--batch-tokens", "-1", 1, "sweep")),
                Arguments.of("sweep", List.of("--num-fewshot", "-1"), range.formatted("--num-fewshot", "-1", 0, "sweep")),
                Arguments.of("sweep", List.of("--max-length", "0"), range.formatted("--max-length", "0", 1, "sweep")),
                Arguments.of("sweep", List.of("--checkpoint-every", "0"), range.formatted("--checkpoint-every", "0", 1, "sweep")),
                Arguments.of("eval", List.of("--format", "xml"), "error: Invalid value for option '--format': unknown table format"
                        + " 'xml' (expected parquet, csv or jsonl) (see: elusive eval --help)"),
                Arguments.of("eval", List.of("--out", "FILE/out.csv"), "error: --out FILE/out.csv: FILE is not a directory"),
                Arguments.of("eval", List.of("--out", "DIR"), "error: --out DIR: is a directory, expected a file"),
                Arguments.of("eval", List.of("--output_path", "FILE"), "error: --output_path FILE: is a file, expected a directory"),
                Arguments.of("sweep", List.of("--out", "FILE/results"), "error: --out FILE/results: FILE is not a directory"),
                Arguments.of("eval", List.of("--model_args", "add_bos_token=True"), "error: --model_args: key 'add_bos_token' is not"
                        + " supported (supported: [batch_size, device, dtype, max_length, pretrained, revision, tokenizer, trust_remote_code])"),
                Arguments.of("eval", List.of("--model_args", "pretrained=org/m"), "error: --model DIR/no-model and --model_args"
                        + " pretrained=org/m: give the checkpoint once (--model hf, lm-eval's backend name, is accepted beside pretrained=)"),
                Arguments.of("eval", List.of("--seed", "1,2"), "error: --seed 1,2: expected one integer, or 4 integers or None separated"
                        + " by ',' (python,numpy,torch,fewshot)"),
                Arguments.of("eval", List.of("--batch_size", "auto:0"), "error: --batch_size auto:0: expected auto, auto:N or a whole number >= 1"),
                Arguments.of("eval", List.of("--limit", "0.5", "-E", "{\"arc_easy\": [1]}"),
                        "error: --limit and --samples: give one of them, not both (as lm-eval)"),
                Arguments.of("eval", List.of("--samples", "[1, 2]"), "error: --samples [1, 2]: neither a JSON object nor a file"),
                Arguments.of("sweep", List.of("--seed", "0,0,0,None"), "error: --seed 0,0,0,None: the few-shot seed (fourth value) None"
                        + " would draw different examples on every run; give an integer"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rejectedWithOneLineBeforeTheModelLoads(String command, List<String> bad, String expected) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory\n");
        Path out = dir.resolve("out.csv");
        List<String> args = new ArrayList<>(command.equals("eval")
                ? List.of("eval", "--model", dir.resolve("no-model").toString(), "--tasks", "arc_easy", "--data-dir", dir.toString())
                : List.of("sweep", "--family", "no-family", "--tasks", "arc_easy"));
        if (!bad.contains("--out")) args.addAll(List.of("--out", command.equals("eval") ? out.toString() : dir.resolve("results").toString()));
        for (String a : bad) args.add(a.replace("FILE", file.toString()).replace("DIR", dir.toString()));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(expected.replace("FILE", file.toString()).replace("DIR", dir.toString()), r.err().strip());
        assertFalse(Files.exists(out));
    }
}
