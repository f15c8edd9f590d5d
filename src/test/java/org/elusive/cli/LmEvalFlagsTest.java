package org.elusive.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elusive.core.BadInputException;
import org.elusive.task.DocSelection;
import org.elusive.task.Limit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** lm-eval 0.4.13's spellings on `eval` and `sweep`, parsed with real values as lm-eval's CLI reads them. */
class LmEvalFlagsTest {
    @TempDir Path dir;

    static EvalCommand eval(String... args) {
        EvalCommand c = new EvalCommand();
        Converters.register(new CommandLine(c)).parseArgs(args);
        return c;
    }

    @Test
    void anLmEvalCommandLineParses() {
        EvalCommand c = eval("--model", "hf", "--model_args", "pretrained=EleutherAI/pythia-160m,revision=step143000,dtype=float32",
                "-t", "arc_easy,hellaswag", "mmlu", "--num_fewshot", "5", "--batch_size", "auto:4", "--limit", "0.1",
                "--device", "cpu", "--seed", "0,1234,1234,42", "--write_out", "--show_config", "--include_path", "my_tasks",
                "--out", "x.parquet");
        assertEquals(List.of("arc_easy", "hellaswag", "mmlu"), c.tasks);
        assertEquals(5, c.numFewshot);
        assertEquals(new Limit(0.1), c.limit);
        assertEquals("cpu", c.runtime.device.name());
        assertEquals(Path.of("my_tasks"), c.tasksDir);
        assertTrue(c.writeOut && c.showConfig);
        ModelArgs a = ModelArgs.parse(c.modelArgs);
        assertEquals("EleutherAI/pythia-160m@step143000", c.checkpoint(a));
        assertEquals(Optional.of(DataType.FLOAT32), a.dtype());
        assertEquals(42, LmEvalSpellings.fewshotSeed(c.seed));
    }

    @Test
    void shortFlagsAndSpaceSeparatedModelArgs() {
        EvalCommand c = eval("-M", "hf", "-a", "pretrained=/ckpt/pythia", "max_length=512", "tokenizer=/tok", "-t", "arc_easy", "-f", "0",
                "--max_batch_size", "64", "--trust_remote_code",
                "-L", "25", "-b", "8", "-w", "-E", "{\"arc_easy\": [3, 1]}", "--out", "x.csv");
        ModelArgs a = ModelArgs.parse(c.modelArgs);
        assertEquals(Optional.of("/ckpt/pythia"), a.pretrained());
        assertEquals(Optional.of(512), a.maxLength());
        assertEquals(Optional.of(Path.of("/tok")), a.tokenizer());
        assertEquals(0, c.numFewshot);
        assertEquals(64, c.maxBatchSize);
        assertEquals("hf", c.model);
        assertEquals("/ckpt/pythia", c.checkpoint(a));
        assertEquals(Limit.count(25), c.limit);
        assertEquals("8", LmEvalSpellings.batchSize(c.batchSize));
        assertEquals(Map.of("arc_easy", List.of(3, 1)), LmEvalSpellings.sampleSelection(c.sampleSelection));
    }

    @Test
    void modelArgsAsJsonAndWithBracketsAndQuotes() {
        assertEquals(Optional.of("org/m"), ModelArgs.parse(List.of("{\"pretrained\": \"org/m\", \"dtype\": \"auto\"}")).pretrained());
        assertEquals(Optional.empty(), ModelArgs.parse(List.of("{\"pretrained\": \"org/m\", \"dtype\": \"auto\"}")).dtype());
        assertEquals(List.of("a=1", "b=[1,2]", "c='x,y'"), ModelArgs.splitTopLevel("a=1,b=[1,2],c='x,y',"));
        // a later key wins, as lm-eval's MergeDictAction
        assertEquals(Optional.of("b"), ModelArgs.parse(List.of("pretrained=a", "pretrained=b")).pretrained());
        assertEquals(Optional.of(DataType.FLOAT16), ModelArgs.parse(List.of("dtype=float16,trust_remote_code=True,batch_size=auto")).dtype());
    }

    @Test
    void unknownOrBadModelArgsNameTheKey() {
        BadInputException e = assertThrows(BadInputException.class, () -> ModelArgs.parse(List.of("pretrained=x,add_bos_token=True")));
        assertEquals("--model_args: key 'add_bos_token' is not supported (supported: [batch_size, device, dtype, max_length,"
                + " pretrained, revision, tokenizer, trust_remote_code])", e.getMessage());
        e = assertThrows(BadInputException.class, () -> ModelArgs.parse(List.of("dtype=bfloat16")));
        assertEquals("--model_args dtype=bfloat16: expected float32, float16 or auto (bf16 weights are read, but computed in fp32 or fp16)",
                e.getMessage());
        e = assertThrows(BadInputException.class, () -> ModelArgs.parse(List.of("pretrained")));
        assertEquals("--model_args: expected key=value, got 'pretrained'", e.getMessage());
        e = assertThrows(BadInputException.class, () -> ModelArgs.parse(List.of("max_length=0")));
        assertEquals("--model_args max_length=0: expected a whole number >= 1", e.getMessage());
    }

    @Test
    void theCheckpointIsGivenOnce() throws Exception {
        EvalCommand both = eval("--model", "org/a", "--model_args", "pretrained=org/b", "-t", "x", "--out", "o.csv");
        BadInputException e = assertThrows(BadInputException.class, () -> both.checkpoint(ModelArgs.parse(both.modelArgs)));
        assertEquals("--model org/a and --model_args pretrained=org/b: give the checkpoint once (--model hf, lm-eval's backend name,"
                + " is accepted beside pretrained=)", e.getMessage());
        EvalCommand hfOnly = eval("--model", "hf", "-t", "x", "--out", "o.csv");
        e = assertThrows(BadInputException.class, () -> hfOnly.checkpoint(ModelArgs.none()));
        assertEquals("--model hf names lm-eval's backend; give the checkpoint with --model_args pretrained=DIR|ORG/NAME", e.getMessage());
        Files.createDirectories(dir.resolve("ckpt"));
        EvalCommand local = eval("--model_args", "pretrained=" + dir.resolve("ckpt") + ",revision=main", "-t", "x", "--out", "o.csv");
        e = assertThrows(BadInputException.class, () -> local.checkpoint(ModelArgs.parse(local.modelArgs)));
        assertEquals("--model_args revision=main: " + dir.resolve("ckpt") + " is a directory; a revision applies to a hub id ORG/NAME",
                e.getMessage());
        assertEquals("org/a@main", eval("--model", "org/a@main", "-t", "x", "--out", "o.csv").checkpoint(ModelArgs.none()));
        e = assertThrows(BadInputException.class, () -> EvalCommand.once("--dtype", DataType.FLOAT32, Optional.of(DataType.FLOAT16)));
        assertEquals("--dtype float32 and --model_args float16: give it once", e.getMessage());
        assertEquals(Optional.of(512), EvalCommand.once("--max-length", null, Optional.of(512)));
    }

    @Test
    void seedsAsLmEvalReadsThem() {
        assertEquals(42, LmEvalSpellings.fewshotSeed("42"));
        assertEquals(7, LmEvalSpellings.fewshotSeed("0,None,8,7"));
        assertEquals(1234, LmEvalSpellings.fewshotSeed("1,2,3"));   // a missing fourth is lm-eval's default
        assertEquals(-3, LmEvalSpellings.fewshotSeed(" -3 "));
        BadInputException e = assertThrows(BadInputException.class, () -> LmEvalSpellings.fewshotSeed("1,2"));
        assertEquals("--seed 1,2: expected one integer, or 4 integers or None separated by ',' (python,numpy,torch,fewshot)", e.getMessage());
        e = assertThrows(BadInputException.class, () -> LmEvalSpellings.fewshotSeed("0,1,2,None"));
        assertTrue(e.getMessage().startsWith("--seed 0,1,2,None: the few-shot seed (fourth value) None"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> LmEvalSpellings.fewshotSeed("1,x,3,4"));
        assertEquals("--seed 1,x,3,4: x is not an integer or None", e.getMessage());
    }

    @Test
    void limitsAndBatchSizes() {
        assertEquals(3, Limit.parse("0.001").of(2376));      // ceil(2.376)
        assertEquals(2, Limit.parse("2.5").of(10));          // int(2.5)
        assertEquals(10, Limit.parse("100").of(10));
        assertEquals(10, Limit.NONE.of(10));
        assertEquals("'1e'", assertThrows(BadInputException.class, () -> Limit.parse("1e")).getMessage().substring(0, 4));
        assertThrows(BadInputException.class, () -> Limit.parse("0"));
        DocSelection picked = new DocSelection(Limit.NONE, Map.of("t", List.of(9, 3, 9), "u", List.of()), 42);
        assertArrayEquals(new int[] {3, 9}, picked.indices("t", 10));
        assertArrayEquals(new int[] {0, 1, 2}, picked.indices("u", 3));     // listed with [] or absent: whole
        assertArrayEquals(new int[] {0, 1}, picked.indices("other", 2));
        BadInputException e = assertThrows(BadInputException.class, () -> picked.indices("t", 9));
        assertEquals("--samples: task t: doc id 9 is out of range (the task has 9 eval docs, ids 0..8)", e.getMessage());
        assertEquals("ids=[3, 9]:fewshotSeed=42", picked.fingerprint("t"));
        assertEquals("limit=all:fewshotSeed=42", picked.fingerprint("other"));
        for (String ok : List.of("auto", "auto:4", "16")) assertEquals(ok, LmEvalSpellings.batchSize(ok));
        for (String bad : List.of("auto:0", "0", "big", "auto:")) assertThrows(BadInputException.class, () -> LmEvalSpellings.batchSize(bad));
    }

    @Test
    void samplesFromAFileAndBadOnes() throws Exception {
        Path f = dir.resolve("samples.json");
        Files.writeString(f, "{\"arc_easy\": [0, 5], \"piqa\": []}");
        assertEquals(Map.of("arc_easy", List.of(0, 5), "piqa", List.of()), LmEvalSpellings.sampleSelection(f.toString()));
        BadInputException e = assertThrows(BadInputException.class, () -> LmEvalSpellings.sampleSelection(dir.resolve("none.json").toString()));
        assertEquals("--samples " + dir.resolve("none.json") + ": neither a JSON object nor a file", e.getMessage());
        assertThrows(BadInputException.class, () -> LmEvalSpellings.sampleSelection("{\"arc_easy\": \"0\"}"));
    }

    @Test
    void showConfigPrintsTheMergedYamlAndTheSettings() throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        var batch = new org.elusive.eval.Evaluator.Batch(Map.of("arc_easy", org.elusive.task.Tasks.load("arc_easy", null)), List.of(), List.of());
        ShowConfig.print(batch, Map.of("limit", 4), new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("allenai/ai2_arc", json.get("configs").get("arc_easy").get("dataset_path").asText());
        assertEquals("ARC-Easy", json.get("configs").get("arc_easy").get("dataset_name").asText());
        assertEquals(4, json.get("config").get("limit").asInt());
    }

    @Test
    void sweepTakesTheSameSpellings() {
        SweepCommand s = new SweepCommand();
        Converters.register(new CommandLine(s)).parseArgs("--family", "pythia", "-t", "arc_easy", "hellaswag", "--num_fewshot", "2",
                "-L", "0.5", "--seed", "9", "--batch_size", "auto", "--include_path", "t", "--out", "r");
        assertEquals(List.of("arc_easy", "hellaswag"), s.tasks);
        assertEquals(2, s.numFewshot);
        assertEquals(new Limit(0.5), s.limit);
        assertEquals("9", s.seed);
        assertEquals(Path.of("t"), s.tasksDir);
        assertNull(s.device);
    }
}
