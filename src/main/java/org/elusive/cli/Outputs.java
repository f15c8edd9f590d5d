package org.elusive.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.elusive.core.BadInputException;

/**
 * Checks that an output can be written before a command spends minutes loading a model and scoring:
 * the writers create missing parent directories, so what must hold is that the nearest existing
 * ancestor is a directory we may write in. Nothing is created here (a failed run leaves no trace).
 */
final class Outputs {
    private Outputs() {}

    /** {@code file} (given as {@code option}) is a file we can create or replace. */
    static void file(String option, Path file) {
        if (Files.isDirectory(file)) throw new BadInputException(option + " " + file + ": is a directory, expected a file");
        if (Files.exists(file) && !Files.isWritable(file)) throw new BadInputException(option + " " + file + ": not writable");
        parentWritable(option, file);
    }

    /** {@code dir} (given as {@code option}) is a directory that exists and is writable, or one we can create. */
    static void directory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new BadInputException(option + " " + dir + ": is a file, expected a directory");
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir)) throw new BadInputException(option + " " + dir + ": not writable");
            return;
        }
        parentWritable(option, dir);
    }

    private static void parentWritable(String option, Path path) {
        Path p = path.toAbsolutePath().getParent();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return;   // nothing of the path exists, not even its root: the writer reports it
        if (!Files.isDirectory(p)) throw new BadInputException(option + " " + path + ": " + p + " is not a directory");
        if (!Files.isWritable(p)) throw new BadInputException(option + " " + path + ": cannot write in " + p);
    }
}
