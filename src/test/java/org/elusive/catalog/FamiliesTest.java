package org.elusive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.elusive.CliRun;
import org.elusive.core.BadInputException;
import org.elusive.catalog.Family.Counts;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.elusive.catalog.Family;
import org.elusive.catalog.Families;
import org.elusive.catalog.Steps;
import org.elusive.catalog.Checkpoint;

class FamiliesTest {

    static final Families REPO = Families.load(Path.of("models"));

    @Test
    void pythiaHas154CheckpointsPerSizeWith2097152TokensPerStep() {
        Family pythia = REPO.get("pythia");
        assertEquals(List.of("14m", "31m", "70m", "160m", "410m", "1b", "1.4b", "2.8b", "6.9b", "12b"), pythia.sizes());
        for (Family.Model m : pythia.models()) {
            assertEquals(154, m.revisions().size(), m.size());
            assertEquals("step0", m.revisions().get(0).name());
            assertEquals("step512", m.revisions().get(10).name());
            assertEquals("step1000", m.revisions().get(11).name());
            assertEquals("step143000", m.revisions().get(153).name());
        }
        Family.Model m160 = pythia.model("160m");
        assertEquals(162322944L, m160.params());
        assertEquals(143000 * 2097152.0, m160.revisions().get(153).tokens());
        assertEquals(300e9, m160.revisions().get(153).paperTokens());
        assertEquals(1000 * 2e6, m160.revisions().get(11).paperTokens());
        assertEquals(10 * 154, pythia.checkpoints().size());
        Checkpoint c = pythia.checkpoints(List.of("160m"), Steps.parse("step1000"), Counts.EXACT).get(0);
        assertEquals(new Checkpoint("pythia", "EleutherAI/pythia-160m", "step1000", 162322944L, 1000 * 2097152.0), c);
        assertEquals(6.0 * 162322944L * 2097152000.0, c.compute());
        assertEquals(Optional.of(c), REPO.lookup("EleutherAI/pythia-160m@step1000", Counts.EXACT));
        assertEquals(160e6 * 2e9 * 6, REPO.lookup("EleutherAI/pythia-160m@step1000", Counts.PAPER).orElseThrow().compute());
        assertEquals(Optional.empty(), REPO.lookup("EleutherAI/pythia-160m@step1500", Counts.EXACT));
        assertEquals(List.of(c), pythia.checkpoints(List.of("160m"), Steps.parse("1000")));
    }

    @Test
    void selectionBySizesStepsAndEvery() {
        Family pythia = REPO.get("pythia");
        List<Checkpoint> some = pythia.checkpoints(List.of("70m", "160m"), Steps.parse("0, 512,143000"), Counts.EXACT);
        assertEquals(List.of("EleutherAI/pythia-70m@step0", "EleutherAI/pythia-70m@step512", "EleutherAI/pythia-70m@step143000",
                "EleutherAI/pythia-160m@step0", "EleutherAI/pythia-160m@step512", "EleutherAI/pythia-160m@step143000"),
                some.stream().map(Checkpoint::spec).toList());
        List<String> every = pythia.checkpoints(List.of("14m"), Steps.every(10000), Counts.EXACT).stream().map(Checkpoint::revision).toList();
        List<String> expected = new ArrayList<>();
        for (int s = 0; s <= 140000; s += 10000) expected.add("step" + s);
        expected.add("step143000"); // the final checkpoint is always kept
        assertEquals(expected, every);

        List<Checkpoint> incite = REPO.get("incite").checkpoints(List.of("7b"), Steps.parse("240b_tokens,1t_tokens"), Counts.EXACT);
        assertEquals(List.of(240e9, 1e12), incite.stream().map(Checkpoint::tokens).toList());

        BadInputException size = assertThrows(BadInputException.class, () -> pythia.checkpoints(List.of("13m"), Steps.ALL, Counts.EXACT));
        assertTrue(size.getMessage().contains("13m") && size.getMessage().contains("160m"), size.getMessage());
        BadInputException step = assertThrows(BadInputException.class, () -> pythia.checkpoints(List.of("70m"), Steps.parse("0,1500"), Counts.EXACT));
        assertTrue(step.getMessage().contains("1500") && !step.getMessage().contains(" 0,"), step.getMessage());
        assertThrows(BadInputException.class, () -> REPO.get("gpt5"));
    }

    @Test
    void revisionTemplatesGiveTheHubBranchNames() {
        assertEquals(List.of("step20000-tokens84B", "step30000-tokens126B", "step50000-tokens210B", "step100000-tokens419B",
                        "step330000-tokens1384B", "step500000-tokens2097B", "step738000-tokens3095B"),
                REPO.get("olmo").model("1b").revisions().stream().map(Family.Revision::name).toList());
        List<Family.Revision> amber = REPO.get("amber").model("7b").revisions();
        assertEquals("ckpt_000", amber.get(0).name());
        assertEquals("ckpt_358", amber.get(358).name());
        assertEquals(358 * 3.5e9, amber.get(358).tokens());
        Checkpoint cerebras = REPO.get("cerebras-gpt").checkpoints(List.of("1.3b"), Steps.ALL, Counts.EXACT).get(0);
        assertEquals("main", cerebras.revision());
        assertEquals(20.0 * 1315723264L, cerebras.tokens());
    }

    /** The Elusive paper's checkpoint table: every row is registered, with its params and tokens under Counts.PAPER. */
    @Test
    void coversEveryCheckpointOfTheElusivePaper() throws IOException {
        Path csv = Path.of(System.getProperty("elusive.shared", "../shared"), "data/scaling/elusive/models.csv");
        Assumptions.assumeTrue(Files.exists(csv), "no ../shared: " + csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Model Family,Model Nickname,HuggingFace Path,HuggingFace Revision,Tokens,Parameters", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String rev = f[3].isEmpty() ? "main" : f[3];
            Optional<Checkpoint> paper = REPO.lookup(f[2], rev, Counts.PAPER);
            assertTrue(paper.isPresent(), "not registered: " + line);
            assertEquals(Long.parseLong(f[5]), paper.get().params(), line);
            assertEquals(Double.parseDouble(f[4]), paper.get().tokens(), line);
            Checkpoint exact = REPO.lookup(f[2], rev, Counts.EXACT).orElseThrow();
            // rounded sizes: within 5% except OLMo-1B, whose 1.18B parameters the paper calls 1B
            assertEquals(1.0, (double) exact.params() / paper.get().params(), 0.18, line);
            // tokens: within 5%, or within the whole-billion rounding of OLMo branch names (step1000-tokens4B = 4.42B)
            double t = exact.tokens(), p = paper.get().tokens();
            assertTrue(Math.abs(t - p) <= Math.max(0.05 * p, 0.5e9), line + " exact tokens " + t);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_param: 20, colour: red}]", "models[0].colour"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: ten, tokens_per_param: 20}]", "models[0].params"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, steps: [1, 2]}]", "models[0].tokens_per_step"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10}]", "no checkpoints"),
            Arguments.of("family: x\nmodels: [{size: a, hf: noslash, params: 10, tokens_per_param: 1}]", "models[0].hf"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, checkpoints: {main: 5}, paper: {tokens: {mian: 4}}}]", "models[0].paper.tokens.mian"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_step: 2, steps: [{from: 5, to: 1, every: 1}]}]", "models[0].steps[0]"),
            Arguments.of("family: x\nmodels: {size: a}", "models"),
            Arguments.of("models: [{size: a, hf: o/a, params: 10, tokens_per_param: 1}]", "family"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_param: 1}\n", "not valid YAML at line 3 column 1: while parsing a flow sequence; expected ',' or ']'"),
            Arguments.of("family: x\nrevision: 'ckpt{stp}'\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_step: 1, steps: [1]}]", "models[0].revision"),
            Arguments.of("family: x\npaper: {param: 3}\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_param: 1}]", ": paper.param"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedRegistriesNameTheFileAndKey(String yaml, String key, @TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), yaml.replace("\\n", "\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> Families.load(tmp));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    }

    @Test
    void duplicateFamiliesAndEmptyDirectoriesAreRejected(@TempDir Path tmp) throws IOException {
        assertThrows(BadInputException.class, () -> Families.load(tmp));
        String ok = "family: x\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_param: 20}]\n";
        Files.writeString(tmp.resolve("a.yaml"), ok);
        assertEquals(200.0, Families.load(tmp).get("x").checkpoints().get(0).tokens());
        Files.writeString(tmp.resolve("b.yaml"), ok);
        BadInputException e = assertThrows(BadInputException.class, () -> Families.load(tmp));
        assertTrue(e.getMessage().contains("b.yaml") && e.getMessage().contains("a.yaml"), e.getMessage());
    }

    static Stream<Arguments> duplicatedOrHuge() {
        return Stream.of(
            Arguments.of("family: x\nmodels: [{size: 1b, hf: o/a, params: 10, tokens_per_param: 20},"
                    + " {size: 1B, hf: o/b, params: 10, tokens_per_param: 20}]",
                    "models[1].size: '1B' is listed twice (also models[0])"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_step: 2,"
                    + " steps: [{from: 0, to: 9000000000000, every: 1}]}]",
                    "models[0].steps[0]: from 0 to 9000000000000 every 1 gives 9000000000001 checkpoints; at most 100000 per model"),
            Arguments.of("family: x\nmodels: [{size: a, hf: o/a, params: 10, tokens_per_step: 2,"
                    + " steps: [{from: 0, to: 99999, every: 1}]}]", null));
    }

    /** A size listed twice (duplicate checkpoints) and a step range of trillions (an OOM after minutes) are one-line errors. */
    @ParameterizedTest
    @MethodSource("duplicatedOrHuge")
    void duplicateSizesAndHugeStepRangesAreRefused(String yaml, String message, @TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), yaml);
        if (message == null) {   // exactly the bound: accepted
            assertEquals(100_000, Families.load(tmp).get("x").checkpoints().size());
            return;
        }
        BadInputException e = assertThrows(BadInputException.class, () -> Families.load(tmp));
        assertEquals(f + ": " + message, e.getMessage());
        CliRun r = CliRun.run("checkpoints", "--models-dir", tmp.toString(), "--family", "x");
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + f + ": " + message, r.err().strip());
    }
}
