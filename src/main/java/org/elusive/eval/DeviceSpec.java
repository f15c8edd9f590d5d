package org.elusive.eval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import org.elusive.model.CheckpointLoader;

/**
 * A device as the user named it ("cpu", "cuda", "cuda:1": the name goes into results files as given)
 * and the device it resolved to; a GPU the engine cannot see is refused when the name is parsed.
 */
public record DeviceSpec(String name, Device device) {

    public static DeviceSpec parse(String name) { return new DeviceSpec(name, CheckpointLoader.device(name)); }

    /** cuda when the PyTorch engine sees a GPU, else cpu (starts the engine: call it only to score). */
    public static DeviceSpec auto() { return parse(Engine.getEngine("PyTorch").getGpuCount() > 0 ? "cuda" : "cpu"); }

    /** fp16 on CUDA, fp32 on CPU. */
    public DataType defaultType() { return CheckpointLoader.defaultType(device); }

    @Override public String toString() { return name; }
}
