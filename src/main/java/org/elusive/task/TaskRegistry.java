package org.elusive.task;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.elusive.core.BadInputException;

/**
 * The tasks, groups and tags defined by a tree of lm-eval task YAMLs. Every {@code *.yaml} file with a
 * string {@code task} is a task; one with {@code group} and a list {@code task} is a group whose members
 * are tasks, groups or tags; a task's {@code tag} names make tags. Files are found recursively; files
 * used only through {@code include} (such as MMLU's {@code _default_template_yaml}) need no .yaml suffix.
 * The shipped tasks live in the checkout's {@code tasks/} directory, which the build also copies into
 * the jar ({@link #builtin()}); a user directory overlays them ({@link #withOverlay}).
 */
public final class TaskRegistry {
    private final Map<String, TaskConfig> tasks = new LinkedHashMap<>();
    private final Map<String, GroupConfig> groups = new LinkedHashMap<>();
    private final Map<String, List<String>> tags = new LinkedHashMap<>();

    private TaskRegistry() {}

    private static volatile TaskRegistry builtin;

    /** The tasks shipped in the jar (the checkout's tasks/ directory, copied by the build). */
    public static TaskRegistry builtin() {
        if (builtin == null) {
            synchronized (TaskRegistry.class) {
                if (builtin == null) builtin = new TaskRegistry().scan(builtinRoot(), "tasks/");
            }
        }
        return builtin;
    }

    /** The tasks under {@code dir} alone. */
    public static TaskRegistry of(Path dir) {
        if (!Files.isDirectory(dir)) throw new BadInputException(dir + ": not a directory of task YAMLs");
        return new TaskRegistry().scan(dir, dir + "/");
    }

    /** The built-in tasks with those of {@code dir} added or replacing them; {@code dir} may be null. */
    public static TaskRegistry withOverlay(Path dir) {
        TaskRegistry r = new TaskRegistry();
        TaskRegistry b = builtin();
        r.tasks.putAll(b.tasks);
        r.groups.putAll(b.groups);
        b.tags.forEach((k, v) -> r.tags.put(k, new ArrayList<>(v)));
        if (dir != null) {
            TaskRegistry u = of(dir);
            r.tasks.putAll(u.tasks);
            r.groups.putAll(u.groups);
            u.tags.forEach((k, v) -> r.tags.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return r;
    }

    private static Path builtinRoot() {
        URL marker = TaskRegistry.class.getResource("/tasks/README.md");
        if (marker == null) throw new IllegalStateException("the built-in tasks are missing from the classpath (tasks/README.md)");
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath("/tasks");
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the built-in tasks: " + e.getMessage(), e);
        }
    }

    private TaskRegistry scan(Path root, String label) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(root + ": cannot list task YAMLs: " + e.getMessage());
        }
        for (Path f : files) {
            String source = label + root.relativize(f);
            Map<String, Object> y = TaskYaml.load(f);
            // skipped, an empty file would surface only as "unknown task" for the task it was meant to define
            if (y.isEmpty()) throw new BadInputException(source + ": empty (expected 'task: NAME', or 'group: NAME' with a list 'task')");
            Object task = y.get("task");
            if (y.containsKey("group") && task instanceof List<?>) {
                groups.put(String.valueOf(y.get("group")), GroupConfig.fromYaml(y, source));
            } else if (task instanceof String) {
                TaskConfig c = TaskConfig.fromYaml(y, source);
                if (tasks.containsKey(c.name())) {
                    throw new BadInputException(source + ": task " + c.name() + " is also defined in " + tasks.get(c.name()).source());
                }
                tasks.put(c.name(), c);
                for (String t : c.tags()) tags.computeIfAbsent(t, k -> new ArrayList<>()).add(c.name());
            } else if (task != null || y.containsKey("group")) {
                throw new BadInputException(source + ": expected 'task: NAME', or 'group: NAME' with a list 'task'");
            }
        }
        return this;
    }

    /** Every task name, sorted. */
    public Set<String> taskNames() { return new TreeSet<>(tasks.keySet()); }

    /** Every name {@link #expand} accepts: tasks, groups and tags. */
    public Set<String> names() {
        Set<String> s = new TreeSet<>(tasks.keySet());
        s.addAll(groups.keySet());
        s.addAll(tags.keySet());
        return s;
    }

    /** Every group → its members as written (tasks, groups or tags), sorted by name. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        groups.forEach((name, g) -> out.put(name, g.members()));
        return out;
    }

    /** Every tag → its tasks, sorted by name. */
    public Map<String, List<String>> tags() { return new java.util.TreeMap<>(tags); }

    /** The config of one task; BadInputException listing the known tasks otherwise. */
    public TaskConfig get(String name) {
        TaskConfig c = tasks.get(name);
        if (c == null) throw unknown(name);
        return c;
    }

    /** The group of that name, if it is one. */
    public Optional<GroupConfig> group(String name) { return Optional.ofNullable(groups.get(name)); }

    /**
     * A group's children as lm-eval lists them in {@code group_subtasks}: its tasks and groups, each tag
     * replaced by the tag's tasks.
     */
    public List<String> children(String group) {
        List<String> out = new ArrayList<>();
        for (String m : groups.get(group).members()) {
            if (!tasks.containsKey(m) && !groups.containsKey(m) && tags.containsKey(m)) out.addAll(tags.get(m));
            else out.add(m);
        }
        return out;
    }

    /** A task, group or tag name (or a comma-separated list of them) → task names, in order, once each. */
    public List<String> expand(String names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names.split(",")) {
            if (!n.isBlank()) expand(n.strip(), out, 0);
        }
        return List.copyOf(out);
    }

    private void expand(String name, Set<String> out, int depth) {
        if (depth > 20) throw new BadInputException("task group " + name + ": nesting deeper than 20 (a cycle?)");
        if (tasks.containsKey(name)) out.add(name);
        else if (groups.containsKey(name)) groups.get(name).members().forEach(m -> expand(m, out, depth + 1));
        else if (tags.containsKey(name)) out.addAll(tags.get(name));
        else throw unknown(name);
    }

    private BadInputException unknown(String name) {
        Set<String> shown = new TreeSet<>(groups.keySet());
        tasks.keySet().stream().filter(t -> !t.startsWith("mmlu_")).forEach(shown::add);
        return new BadInputException("unknown task '" + name + "'; known tasks and groups: " + String.join(", ", shown)
                + " (and the 57 mmlu_<subject> tasks; tags: " + String.join(", ", new TreeSet<>(tags.keySet())) + ")");
    }
}
