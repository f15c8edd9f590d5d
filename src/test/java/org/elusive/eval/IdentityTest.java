package org.elusive.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.elusive.catalog.Checkpoint;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity columns of an eval run: registry, command line, fallbacks, and no silently swallowed registry. */
class IdentityTest {
    @TempDir Path tmp;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    static Path registry() throws Exception {
        return Path.of(IdentityTest.class.getResource("/sweep/models/fake.yaml").toURI()).getParent();
    }

    @Test void aRegisteredCheckpointTakesFamilyParamsAndTokensFromItsRegistry() throws Exception {
        Checkpoint c = Identity.of("fake/fake-2m@step1000", tmp, null, Identity.Given.none(), registry(), log);
        assertEquals(new Checkpoint("fake", "fake/fake-2m", "step1000", 2_000_000, 1000 * 2048.0), c);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "no warning for a registered checkpoint");
    }

    @Test void theCommandLineWinsOverTheRegistry() throws Exception {
        Identity.Given given = new Identity.Given(Optional.of("mine"), OptionalLong.of(7), OptionalDouble.of(11));
        Checkpoint c = Identity.of("fake/fake-2m@step1000", tmp, null, given, registry(), log);
        assertEquals(new Checkpoint("mine", "fake/fake-2m", "step1000", 7, 11), c);
    }

    @Test void aCheckpointWithoutAnEntryWarnsThatItsComputeIsNaN() throws Exception {
        Identity.Given params = new Identity.Given(Optional.empty(), OptionalLong.of(5), OptionalDouble.empty());
        Checkpoint c = Identity.of("fake/unknown-1m@main", tmp, null, params, registry(), log);
        assertEquals("unknown-1m", c.model().substring(c.model().indexOf('/') + 1));
        assertTrue(Double.isNaN(c.tokens()));
        String warning = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("warning: fake/unknown-1m@main: no entry for fake/unknown-1m@main in the family registries " + registry()
                + "; its tokens and compute are NaN, so `correlate` refuses its rows: give --tokens, or register it (docs/models.md)"
                + " and pass --models-dir" + System.lineSeparator(), warning);
    }

    @Test void aFamilyOutsideTheRepoIsFoundWithModelsDirAndAnUnregisteredOneIsWarnedAboutEvenWithTokens() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(mine.resolve("acme.yaml"), """
                family: acme
                architecture: GPTNeoXForCausalLM
                revision: "step{step}"
                tokens_per_step: 100
                steps: [0, 10]
                models:
                  - {size: 5m, hf: acme/acme-5m, params: 5000000}
                """);
        Checkpoint c = Identity.of("acme/acme-5m@step10", tmp, null, Identity.Given.none(), mine, log);
        assertEquals(new Checkpoint("acme", "acme/acme-5m", "step10", 5_000_000, 1000.0), c);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));

        Identity.Given tokens = new Identity.Given(Optional.empty(), OptionalLong.of(5), OptionalDouble.of(3e9));
        Identity.of("acme/other-1m@main", tmp, null, tokens, mine, log);
        assertEquals("warning: acme/other-1m@main: no entry for acme/other-1m@main in the family registries " + mine
                + "; family, params and tokens come from the flags and the weights" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test void aMalformedRegistryIsAnErrorNamingItsFileAndKey() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path yaml = models.resolve("broken.yaml");
        Files.writeString(yaml, "family: broken\nmodels:\n  - {size: 1m, hf: not-an-id, params: 1}\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Identity.of("org/name@main", tmp, null, Identity.Given.none(), models, log));
        assertTrue(e.getMessage().contains(yaml.toString()) && e.getMessage().contains("hf"), e.getMessage());
    }
}
