package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libtorch checks that run before DJL loads anything: each wrong setup is one line saying what to do. */
class LibtorchTest {
    @TempDir Path tmp;

    /** A pip-style torch/lib directory whose ../version.py says {@code version}. */
    private Path pipTorch(String version) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("torch-" + version).resolve("torch").resolve("lib"));
        // the layout of a real torch/version.py (2.11.0+cu130 on the GPU machine of this project): __all__ names it first
        Files.writeString(lib.getParent().resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__',"
                + " 'debug', 'cuda', 'git_version', 'hip', 'rocm', 'xpu']\n__version__ = '" + version + "'\n");
        return lib;
    }

    @Test void requiredVersionComesFromTheJniJar() {
        assertEquals("2.7.1", Libtorch.required());
    }

    @Test void versionIsReadFromPipAndZipLayouts() throws Exception {
        assertEquals(Optional.of("2.13.0+cpu"), Libtorch.versionAt(pipTorch("2.13.0+cpu")));
        Path zipLib = Files.createDirectories(tmp.resolve("libtorch").resolve("lib"));
        Files.writeString(tmp.resolve("libtorch").resolve("build-version"), "2.7.1+cu128\n");
        assertEquals(Optional.of("2.7.1+cu128"), Libtorch.versionAt(zipLib));
        assertEquals(Optional.empty(), Libtorch.versionAt(Files.createDirectories(tmp.resolve("bare").resolve("lib"))));
    }

    @Test void aMatchingSetupOrNoneIsFine() throws Exception {
        assertEquals(Optional.empty(), Libtorch.problem(Map.of()));
        assertEquals(Optional.empty(), Libtorch.problem(Map.of("PYTORCH_LIBRARY_PATH", pipTorch("2.7.1+cu128").toString(),
                "PYTORCH_FLAVOR", "cu128", "PYTORCH_VERSION", "2.7.1")));
    }

    @Test void anotherLibtorchVersionSaysWhatToInstall() throws Exception {
        Path lib = pipTorch("2.13.0+cpu");
        assertEquals(Optional.of("PYTORCH_LIBRARY_PATH=" + lib + " holds libtorch 2.13.0+cpu, but this build's DJL works with"
                + " 2.7.1 only: install it with `pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128`"
                + " and set PYTORCH_LIBRARY_PATH to its torch/lib (see docs/gpu.md)"),
                Libtorch.problem(Map.of("PYTORCH_LIBRARY_PATH", lib.toString(), "PYTORCH_FLAVOR", "cpu")));
    }

    @Test void aMissingFlavourIsNamedWithTheOneTheLibraryHas() throws Exception {
        Path lib = pipTorch("2.7.1+cu128");
        assertEquals(Optional.of("PYTORCH_LIBRARY_PATH is set but PYTORCH_FLAVOR is not: set PYTORCH_FLAVOR=cu128 (the flavour"
                + " of the libtorch in " + lib + ": cu128 for CUDA 12.8, cpu for a CPU build)"),
                Libtorch.problem(Map.of("PYTORCH_LIBRARY_PATH", lib.toString())));
        Path cpu = pipTorch("2.7.1+cpu");
        assertEquals("PYTORCH_LIBRARY_PATH is set but PYTORCH_FLAVOR is not: set PYTORCH_FLAVOR=cpu (the flavour of the"
                + " libtorch in " + cpu + ": cu128 for CUDA 12.8, cpu for a CPU build)",
                Libtorch.problem(Map.of("PYTORCH_LIBRARY_PATH", cpu.toString())).orElseThrow());
    }

    @Test void unusableVariablesAreNamed() {
        assertEquals("PYTORCH_FLAVOR=cu121: this build has JNI glue for cpu and cu128 only; use cu128 with a CUDA 12.8"
                + " libtorch 2.7.1 (see docs/gpu.md)", Libtorch.problem(Map.of("PYTORCH_FLAVOR", "cu121")).orElseThrow());
        assertEquals("PYTORCH_VERSION=2.5.1: this build's DJL works with libtorch 2.7.1 only; set PYTORCH_VERSION=2.7.1"
                + " (or unset it) and install it with `pip install torch==2.7.1 --index-url https://download.pytorch.org/whl/cu128`"
                + " and set PYTORCH_LIBRARY_PATH to its torch/lib (see docs/gpu.md)",
                Libtorch.problem(Map.of("PYTORCH_VERSION", "2.5.1")).orElseThrow());
        Path none = tmp.resolve("no-such-dir");
        assertEquals("PYTORCH_LIBRARY_PATH=" + none + ": not a directory; it must be the lib directory of a libtorch 2.7.1,"
                + " e.g. <venv>/lib/python3.*/site-packages/torch/lib (see docs/gpu.md)",
                Libtorch.problem(Map.of("PYTORCH_LIBRARY_PATH", none.toString(), "PYTORCH_FLAVOR", "cu128")).orElseThrow());
    }

    @Test void aNonFiniteLogProbNeverPassesTheSelfCheck() {
        assertEquals(0.5, SelfCheck.maxAbsDiff(new float[] {-1f, -2f}, new float[] {-1.5f, -2f}));
        assertEquals(Double.POSITIVE_INFINITY, SelfCheck.maxAbsDiff(new float[] {-1f}, new float[] {Float.NaN}));
        assertEquals(Double.POSITIVE_INFINITY, SelfCheck.maxAbsDiff(new float[] {-1f}, new float[] {-1f, -2f}));
    }
}
