package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elusive.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's loop over tiny checkpoints: the next one loads while the current one scores, and nothing is left open. */
class PrefetcherTest {

    private final List<CausalLM> loaded = new ArrayList<>();

    private CausalLM load(Path dir) {
        CausalLM m = CheckpointLoader.load(dir, Device.cpu(), DataType.FLOAT32);
        synchronized (loaded) {
            loaded.add(m);
        }
        return m;
    }

    @Test
    void nextCheckpointLoadsWhileTheCurrentOneScores() throws InterruptedException {
        List<String> sweep = List.of("gpt_neox-fp32", "gpt_neox-bf16", "gpt_neox-sharded", "gpt_neox-bin");
        CountDownLatch scoring = new CountDownLatch(1), nextStarted = new CountDownLatch(1);
        try (Prefetcher<CausalLM> next = new Prefetcher<>(dir -> {
            if (dir.equals(Fixture.dir(sweep.get(1)))) {
                nextStarted.countDown(); // the second checkpoint's load begins ...
                await(scoring); // ... and cannot end before the first one has scored
            }
            return load(dir);
        })) {
            for (int i = 0; i < sweep.size(); i++) {
                Fixture f = Fixture.load(sweep.get(i));
                try (CausalLM model = next.take(f.dir()); NDManager m = NDManager.newBaseManager(Device.cpu())) {
                    assertSame(loaded.get(i), model, "checkpoint " + i + " is the one loaded for it");
                    if (i + 1 < sweep.size()) next.prefetch(Fixture.dir(sweep.get(i + 1)));
                    if (i == 0) assertTrue(nextStarted.await(60, TimeUnit.SECONDS), "the next load started before scoring");
                    assertTrue(f.maxError(model, m) < 1e-4, sweep.get(i)); // scoring, real numbers
                    if (i == 0) scoring.countDown();
                }
            }
        }
        assertEquals(sweep.size(), loaded.size());
        loaded.forEach(m -> assertFalse(m.manager().isOpen()));
    }

    @Test
    void whatIsNotTakenIsClosedAndFailuresSurfaceAtTake(@TempDir Path empty) {
        try (Prefetcher<CausalLM> next = new Prefetcher<>(this::load)) {
            next.prefetch(Fixture.dir("llama-fp32"));
            try (CausalLM other = next.take(Fixture.dir("gpt2-fp32"))) { // not the prefetched one
                assertEquals("GPT2LMHeadModel", other.config().architecture());
                assertEquals("LlamaForCausalLM", loaded.get(0).config().architecture());
                assertFalse(loaded.get(0).manager().isOpen(), "the prefetched model nobody took is closed");
            }
            next.prefetch(empty);
            BadInputException e = assertThrows(BadInputException.class, () -> next.take(empty));
            assertTrue(e.getMessage().contains("config.json"), e.getMessage());
            next.prefetch(Fixture.dir("olmo-fp32")); // left pending: close() must close it
        }
        assertEquals(3, loaded.size());
        loaded.forEach(m -> assertFalse(m.manager().isOpen()));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
