package org.elusive.task;

import java.nio.file.Path;
import java.util.List;

/** Static entry points over {@link TaskRegistry}: {@code tasksDir} null means the built-in tasks only. */
public final class Tasks {
    private Tasks() {}

    /** One task's config, from the built-in tasks overlaid with {@code tasksDir}. */
    public static TaskConfig load(String name, Path tasksDir) { return TaskRegistry.withOverlay(tasksDir).get(name); }

    /** Task, group or tag names (comma-separated) → task names; {@code expand("mmlu")} gives the 57 subjects. */
    public static List<String> expand(String names, Path tasksDir) { return TaskRegistry.withOverlay(tasksDir).expand(names); }

    /** {@link #expand(String, Path)} over the built-in tasks. */
    public static List<String> expand(String names) { return TaskRegistry.builtin().expand(names); }
}
