package org.elusive.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.elusive.task.TaskConfig;
import org.elusive.task.TaskRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The tasks `eval` and `sweep` can score, as {@code lm-eval ls} lists them: groups (with an
 * aggregate over their members), subtasks (one YAML each) and tags (a name for several tasks).
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"List the available tasks, groups and tags (lm-eval's `ls tasks`): the built-in tasks/ plus --tasks-dir."})
public final class TasksCommand implements Callable<Integer> {
    /** What to list, lm-eval's {@code ls} argument. */
    enum What { TASKS, GROUPS, SUBTASKS, TAGS }

    @Parameters(arity = "0..1", paramLabel = "WHAT", description = "tasks (all: groups, subtasks and tags), groups, subtasks or tags. Default: tasks.")
    What what = What.TASKS;

    @Option(names = {"--tasks-dir", "--include_path"}, paramLabel = "DIR", description = "Extra task YAMLs, overlaid on the built-in tasks/.")
    Path tasksDir;

    @Override public Integer call() {
        print(TaskRegistry.withOverlay(tasksDir), what, System.out);
        return ExitCodes.OK;
    }

    static void print(TaskRegistry r, What what, PrintStream out) {
        if (what == What.TASKS || what == What.GROUPS) {
            table(out, "Group", "Members", r.groups().entrySet().stream()
                    .map(e -> List.of(e.getKey(), members(e.getValue(), r))).toList());
        }
        if (what == What.TASKS || what == What.SUBTASKS) {
            table(out, "Task", "Config location | Output type | Dataset", r.taskNames().stream().map(r::get)
                    .map(c -> List.of(c.name(), c.source() + " | " + c.outputType() + " | " + dataset(c))).toList());
        }
        if (what == What.TASKS || what == What.TAGS) {
            table(out, "Tag", "Tasks", r.tags().entrySet().stream().map(e -> List.of(e.getKey(), members(e.getValue(), r))).toList());
        }
    }

    private static String dataset(TaskConfig c) {
        return c.datasetPath() + (c.datasetName() == null ? "" : " " + c.datasetName())
                + (c.datasetRevision() == null ? "" : " @" + c.datasetRevision());
    }

    /** A group's members as written, or their count and the first few when there are many (mmlu has 57). */
    private static String members(List<String> names, TaskRegistry r) {
        int tasks = r.expand(String.join(",", names)).size();
        String shown = names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 4)) + ", ... (" + names.size() + ")";
        return shown + (tasks == names.size() ? "" : " = " + tasks + " tasks");
    }

    /** A markdown table, as lm-eval prints its lists. */
    private static void table(PrintStream out, String first, String second, List<List<String>> rows) {
        out.println();
        out.println("|" + first + "|" + second + "|");
        out.println("|---|---|");
        for (List<String> row : rows) out.println("|" + row.get(0) + "|" + row.get(1) + "|");
    }

}
