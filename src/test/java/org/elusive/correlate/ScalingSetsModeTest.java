package org.elusive.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.catalog.Checkpoint;
import org.elusive.catalog.ScalingSet;
import org.elusive.core.BadInputException;
import org.elusive.store.ScoreGroups;
import org.junit.jupiter.api.Test;

/** Which (set, task) slices each mode takes from a table that covers a set in one task and not in another. */
class ScalingSetsModeTest {
    static final ScalingSet DATA = set("DATA", "m@s0", "m@s1", "m@s2"), PARAMS = set("PARAMS", "a@s2", "m@s2");

    static ScalingSet set(String name, String... specs) {
        return new ScalingSet(name, name, "f", Path.of("f.yaml"), java.util.Arrays.stream(specs)
                .map(s -> new Checkpoint("f", s.split("@")[0], s.split("@")[1], 10, s.endsWith("s0") ? 0 : 100)).toList());
    }

    /** Task "full" has every checkpoint; task "part" lacks a@s2; m@s0 (compute 0) is nowhere and not required. */
    static Map<String, Map<String, ScoreGroups.Checkpoint>> table() {
        Map<String, Map<String, ScoreGroups.Checkpoint>> t = new LinkedHashMap<>();
        for (String task : List.of("full", "part")) {
            Map<String, ScoreGroups.Checkpoint> m = new LinkedHashMap<>();
            for (String c : task.equals("full") ? List.of("m@s1", "m@s2", "a@s2") : List.of("m@s1", "m@s2")) {
                m.put(c, new ScoreGroups.Checkpoint(c.split("@")[0], c.split("@")[1], 6000));
            }
            t.put(task, m);
        }
        return t;
    }

    static List<String> names(List<Slice> slices) {
        return slices.stream().map(s -> s.name() + "/" + s.task() + "/" + s.members().size()).toList();
    }

    @Test
    void completeTakesTheCoveredPairsOnly() {
        Map<String, List<String>> fams = Map.of("full", List.of("f"), "part", List.of("f"));
        assertEquals(List.of("DATA/full/2", "DATA/part/2", "PARAMS/full/2"),
                names(ScalingSets.select(table(), fams, List.of(DATA, PARAMS), ScalingSets.Mode.COMPLETE)));
        assertEquals(List.of("DATA/full/2", "DATA/part/2", "PARAMS/full/2"),
                names(ScalingSets.select(table(), fams, List.of(DATA, PARAMS), ScalingSets.Mode.DEFAULT)));
        assertEquals(List.of("f/full/0", "f/part/0"),
                names(ScalingSets.select(table(), fams, List.of(set("X", "z@s1")), ScalingSets.Mode.DEFAULT)));
        assertTrue(ScalingSets.select(table(), fams, List.of(set("X", "z@s1")), ScalingSets.Mode.COMPLETE).isEmpty());
        String msg = assertThrows(BadInputException.class,
                () -> ScalingSets.select(table(), fams, List.of(PARAMS), ScalingSets.Mode.NAMED)).getMessage();
        assertEquals("scaling set PARAMS (f.yaml): task part lacks 1 of its checkpoints: a@s2", msg);
    }
}
