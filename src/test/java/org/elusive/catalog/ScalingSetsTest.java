package org.elusive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper's 25 scaling sets in models/*.yaml (pred_evals/globals.py, configs/models.csv), and bad set entries. */
class ScalingSetsTest {
    static final Families REPO = Families.load(Path.of("models"));

    @TempDir Path dir;

    @Test
    void theTwentyFiveSetsOfThePaperWithTheirSizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        for (ScalingSet s : REPO.sets()) sizes.put(s.name(), s.checkpoints().size());
        Map<String, Integer> expected = new TreeMap<>(Map.of("CEREBRAS_ALL_FAMILY", 7, "INCITE_7B_PARAMETERS_TOKEN_FAMILY", 6,
                "LLAMA2_2T_TOKENS_FAMILY", 3, "LLM360_AMBER_7B_TOKENS_FAMILY", 13, "OLMo_1B_PARAMETERS_TOKENS_FAMILY", 7,
                "OLMo_7B_PARAMETERS_TOKENS_FAMILY", 7, "OLMo_FAMILY", 14, "PYTHIA_ALL_FAMILY", 72));
        for (String p : List.of("14M", "70M", "160M", "410M", "1B", "1p4B", "2p8B", "6p9B", "12B")) expected.put("PYTHIA_" + p + "_PARAMETERS_TOKENS_FAMILY", 8);
        for (String t : List.of("2M", "64M", "2B", "6B", "20B", "60B", "200B", "300B")) expected.put("PYTHIA_" + t + "_TOKENS_PARAMETERS_FAMILY", 9);
        assertEquals(expected, sizes);
        assertEquals(25, REPO.sets().size());
    }

    @Test
    void checkpointsAreThoseOfThePapersModelTable() {
        ScalingSet data = REPO.set("PYTHIA_1p4B_PARAMETERS_TOKENS_FAMILY");
        assertEquals(List.of("step1", "step32", "step1000", "step3000", "step10000", "step30000", "step100000", "step143000"),
                data.checkpoints().stream().map(Checkpoint::revision).toList());
        assertEquals("Pythia 1.4B Param. (Data Scaling)", data.label());
        ScalingSet params = REPO.set("PYTHIA_300B_TOKENS_PARAMETERS_FAMILY");
        assertTrue(params.checkpoints().stream().allMatch(c -> c.revision().equals("step143000")));
        assertTrue(params.checkpoints().stream().noneMatch(c -> c.model().endsWith("31m")), "the paper has no Pythia-31m");
        // a checkpoint in several sets: data scaling, parameter scaling and the union
        String shared = "EleutherAI/pythia-1.4b@step143000";
        assertEquals(3, REPO.sets().stream().filter(s -> s.checkpoints().stream().anyMatch(c -> c.spec().equals(shared))).count());
        assertEquals(List.of("ckpt_000", "ckpt_001", "ckpt_002", "ckpt_003", "ckpt_005", "ckpt_009", "ckpt_014", "ckpt_025",
                "ckpt_042", "ckpt_072", "ckpt_123", "ckpt_211", "ckpt_358"),
                REPO.set("LLM360_AMBER_7B_TOKENS_FAMILY").checkpoints().stream().map(Checkpoint::revision).toList());
        assertEquals(0.0, REPO.set("LLM360_AMBER_7B_TOKENS_FAMILY").checkpoints().get(0).compute());
        assertEquals(List.of("240b_tokens", "280b_tokens", "400b_tokens", "500b_tokens", "700b_tokens", "1t_tokens"),
                REPO.set("INCITE_7B_PARAMETERS_TOKEN_FAMILY").checkpoints().stream().map(Checkpoint::revision).toList());
        assertEquals("step738000-tokens3095B", REPO.set("OLMo_FAMILY").checkpoints().get(6).revision());
    }

    @Test
    void badSetEntriesNameFileSetAndKey() throws Exception {
        String head = "family: toy\nrevision: \"step{step}\"\ntokens_per_step: 10\nsteps: [0, 1, 2]\nmodels:\n  - {size: s, hf: t/s, params: 5}\n";
        assertEquals("toy.yaml: sets.X.select[0]: family toy has no checkpoint 7 in sizes [s]",
                bad(head + "sets:\n  X: {select: [{steps: [7]}]}\n"));
        assertEquals("toy.yaml: sets.X.select[0]: family toy has no size 'xl' (sizes: s)",
                bad(head + "sets:\n  X: {select: [{sizes: [xl]}]}\n"));
        assertTrue(bad(head + "sets:\n  X: {select: [{step: [1]}]}\n").startsWith("toy.yaml: sets.X.select[0].step: unknown key"));
        assertEquals("toy.yaml: sets.X.select: expected a non-empty list of {sizes, steps}", bad(head + "sets:\n  X: {label: x}\n"));
        Files.writeString(dir.resolve("other.yaml"), head.replace("toy", "other").replace("t/s", "o/s") + "sets:\n  X: {select: [{}]}\n");
        assertEquals("toy.yaml: sets.X: also defined in other.yaml", bad(head + "sets:\n  X: {select: [{}]}\n"));
    }

    private String bad(String yaml) throws Exception {
        Files.writeString(dir.resolve("toy.yaml"), yaml);
        return assertThrows(BadInputException.class, () -> Families.load(dir)).getMessage().replace(dir + "/", "");
    }
}
