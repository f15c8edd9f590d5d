package org.elusive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.elusive.core.BadInputException;
import org.elusive.model.weights.WeightStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.elusive.catalog.CheckpointResolver;

/** A fake huggingface_hub cache tree: refs → commit → snapshot, as huggingface-cli download leaves it. */
class CheckpointResolverTest {

    static final String MAIN = "0123456789abcdef0123456789abcdef01234567";
    static final String STEP = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir Path tmp;
    Path hub;

    @BeforeEach
    void fakeCache() throws IOException {
        hub = tmp.resolve("hf/hub");
        Path repo = hub.resolve("models--EleutherAI--pythia-160m");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), MAIN); // huggingface_hub writes no newline; tolerate one anyway
        Files.writeString(repo.resolve("refs/step1000"), STEP + "\n");
        for (String c : new String[] {MAIN, STEP}) {
            Files.createDirectories(repo.resolve("snapshots/" + c));
            Files.writeString(repo.resolve("snapshots/" + c + "/config.json"), "{}");
        }
    }

    @Test
    void revisionGoesThroughRefsToTheSnapshot() {
        Path repo = hub.resolve("models--EleutherAI--pythia-160m");
        assertEquals(repo.resolve("snapshots/" + STEP), CheckpointResolver.resolve("EleutherAI/pythia-160m@step1000", hub));
        assertEquals(repo.resolve("snapshots/" + MAIN), CheckpointResolver.resolve("EleutherAI/pythia-160m", hub));
        assertEquals(repo.resolve("snapshots/" + STEP), CheckpointResolver.resolve("EleutherAI/pythia-160m@" + STEP, hub));
    }

    /** huggingface_hub stores files once under blobs/ and links them from each snapshot. */
    @Test
    void snapshotFilesLinkedToBlobsOpenAsWeights() throws IOException {
        Path repo = hub.resolve("models--EleutherAI--pythia-160m");
        Path blob = Files.createDirectories(repo.resolve("blobs")).resolve("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        Files.copy(Path.of("src/test/resources/bin/neox-fp32/pytorch_model.bin"), blob);
        Path snap = repo.resolve("snapshots/" + STEP);
        Files.createSymbolicLink(snap.resolve("pytorch_model.bin"), snap.relativize(blob));
        Path dir = CheckpointResolver.resolve("EleutherAI/pythia-160m@step1000", hub);
        try (WeightStore store = WeightStore.open(dir)) {
            assertEquals(28, store.names().size());
            assertEquals("F32", store.info("gpt_neox.embed_in.weight").dtype());
        }
    }

    @Test
    void aDirectoryIsItself() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("my/model"));
        assertEquals(dir, CheckpointResolver.resolve(dir.toString(), hub));
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointResolver.resolve(tmp + "/nope", hub));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void missingRevisionGivesTheFetchCommand() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> CheckpointResolver.resolve("EleutherAI/pythia-160m@step2000", hub));
        assertTrue(e.getMessage().contains("huggingface-cli download EleutherAI/pythia-160m --revision step2000"), e.getMessage());
        assertTrue(e.getMessage().contains(hub.resolve("models--EleutherAI--pythia-160m/refs/step2000").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("HF_HOME"), e.getMessage());

        BadInputException repo = assertThrows(BadInputException.class, () -> CheckpointResolver.resolve("allenai/OLMo-1B", hub));
        assertTrue(repo.getMessage().contains("huggingface-cli download allenai/OLMo-1B --revision main"), repo.getMessage());
    }

    @Test
    void aRefWithoutItsSnapshotIsMissingToo() throws IOException {
        Files.writeString(hub.resolve("models--EleutherAI--pythia-160m/refs/step3000"), "1111111111111111111111111111111111111111");
        BadInputException e = assertThrows(BadInputException.class,
                () -> CheckpointResolver.resolve("EleutherAI/pythia-160m@step3000", hub));
        assertTrue(e.getMessage().contains("snapshots/1111111111111111111111111111111111111111/config.json"), e.getMessage());
        assertTrue(e.getMessage().contains("--revision step3000"), e.getMessage());
    }

    @Test
    void badSpecsAreRejected() {
        for (String s : new String[] {"pythia", "EleutherAI/pythia-160m@", "@main"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> CheckpointResolver.resolve(s, hub), s);
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
    }

    @Test
    void cacheLocationFollowsHuggingfaceHub() {
        String home = System.getProperty("user.home");
        assertEquals(Path.of("/c/hub2"), CheckpointResolver.hubCache(Map.of("HF_HUB_CACHE", "/c/hub2", "HF_HOME", "/h")));
        assertEquals(Path.of("/h/hub"), CheckpointResolver.hubCache(Map.of("HF_HOME", "/h", "XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/x/huggingface/hub"), CheckpointResolver.hubCache(Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of(home, ".cache/huggingface/hub"), CheckpointResolver.hubCache(Map.of()));
        assertEquals(Path.of(home, "hf/hub"), CheckpointResolver.hubCache(Map.of("HF_HOME", "~/hf")));
    }
}
