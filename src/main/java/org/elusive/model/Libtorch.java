package org.elusive.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native libtorch this build needs, and what is wrong with a user-supplied one. Checked from
 * the environment alone, before DJL loads anything: a libtorch of another version loads fine and
 * fails only at the first forward ("set_stride is not allowed…"), and a {@code PYTORCH_LIBRARY_PATH}
 * without {@code PYTORCH_FLAVOR} fails with DJL's "Cannot copy jni files", neither naming the cause.
 */
public final class Libtorch {
    /** The flavours whose JNI glue the pytorch-jni jar carries for linux-x86_64. */
    public static final List<String> FLAVORS = List.of("cpu", "cu128");
    private static final Pattern PY_VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

    private Libtorch() {}

    /** The libtorch version DJL's JNI is built against, from the pytorch-jni jar ({@code jni_version=2.7.1-0.35.0}). */
    public static String required() {
        try (InputStream in = Libtorch.class.getResourceAsStream("/jnilib/pytorch.properties")) {
            if (in == null) throw new IllegalStateException("pytorch-jni is not on the class path (no jnilib/pytorch.properties)");
            Properties p = new Properties();
            p.load(in);
            String jni = p.getProperty("jni_version");
            return jni.substring(0, jni.indexOf('-'));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read jnilib/pytorch.properties", e);
        }
    }

    /**
     * The version of the libtorch in a lib directory, as its distribution records it: {@code ../version.py}
     * of a pip-installed torch ({@code 2.7.1+cu128}) or {@code ../build-version} of a libtorch zip.
     */
    public static Optional<String> versionAt(Path libDir) {
        Path root = libDir.toAbsolutePath().normalize().getParent();
        if (root == null) return Optional.empty();
        try {
            Path py = root.resolve("version.py"), zip = root.resolve("build-version");
            if (Files.isRegularFile(py)) {
                Matcher m = PY_VERSION.matcher(Files.readString(py));
                if (m.find()) return Optional.of(m.group(1));
            }
            if (Files.isRegularFile(zip)) return Optional.of(Files.readString(zip).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** What is wrong with the libtorch the environment selects, as one line saying what to do; empty when nothing is. */
    public static Optional<String> problem(Map<String, String> env) {
        String need = required(), lib = env.get("PYTORCH_LIBRARY_PATH"), flavor = env.get("PYTORCH_FLAVOR");
        String pinned = env.get("PYTORCH_VERSION");
        String install = "install it with `pip install torch==" + need + " --index-url https://download.pytorch.org/whl/cu128`"
                + " and set PYTORCH_LIBRARY_PATH to its torch/lib (see docs/gpu.md)";
        if (pinned != null && !pinned.isBlank() && !pinned.equals(need)) {
            return Optional.of("PYTORCH_VERSION=" + pinned + ": this build's DJL works with libtorch " + need + " only; "
                    + "set PYTORCH_VERSION=" + need + " (or unset it) and " + install);
        }
        if (flavor != null && !flavor.isBlank() && !FLAVORS.contains(flavor)) {
            return Optional.of("PYTORCH_FLAVOR=" + flavor + ": this build has JNI glue for " + String.join(" and ", FLAVORS)
                    + " only; use cu128 with a CUDA 12.8 libtorch " + need + " (see docs/gpu.md)");
        }
        if (lib == null || lib.isBlank()) return Optional.empty();
        Path dir = Path.of(lib);
        if (!Files.isDirectory(dir)) {
            return Optional.of("PYTORCH_LIBRARY_PATH=" + lib + ": not a directory; it must be the lib directory of a libtorch "
                    + need + ", e.g. <venv>/lib/python3.*/site-packages/torch/lib (see docs/gpu.md)");
        }
        Optional<String> found = versionAt(dir);
        if (found.isPresent() && !found.get().split("\\+")[0].equals(need)) {
            return Optional.of("PYTORCH_LIBRARY_PATH=" + lib + " holds libtorch " + found.get() + ", but this build's DJL works with "
                    + need + " only: " + install);
        }
        if (flavor == null || flavor.isBlank()) {
            String suggested = found.filter(v -> v.contains("+")).map(v -> v.substring(v.indexOf('+') + 1))
                    .filter(FLAVORS::contains).orElse("cu128");
            return Optional.of("PYTORCH_LIBRARY_PATH is set but PYTORCH_FLAVOR is not: set PYTORCH_FLAVOR=" + suggested
                    + " (the flavour of the libtorch in " + lib + ": cu128 for CUDA 12.8, cpu for a CPU build)");
        }
        return Optional.empty();
    }
}
