package org.elusive.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.elusive.GcChurn;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    /** d/dx sum(((x * 0.5)^3) / 4) = 3/32 x^2: every scalar is read again by the backward pass. */
    @Test void gradientsThroughScalarOpsSurviveGarbageCollection() throws Exception {
        float[] x0 = {1, -2, 3, 0.5f};
        try (GcChurn churn = new GcChurn(); NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int i = 0; i < 300; i++) {
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.create(x0);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray y = x.mul(Scalars.of(x, 0.5f)).pow(Scalars.of(x, 3)).div(Scalars.of(x, 4)).sum();
                        Thread.sleep(0, 1000);
                        gc.backward(y);
                    }
                    float[] g = x.getGradient().toFloatArray();
                    for (int k = 0; k < x0.length; k++) assertEquals(3f / 32 * x0[k] * x0[k], g[k], 1e-6f, "iteration " + i);
                }
            }
        }
    }

    @Test void sameValuesAsNumberOperands() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (DataType dt : new DataType[] {DataType.FLOAT32, DataType.FLOAT16, DataType.FLOAT64}) {
                NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(257)).toType(dt, false);
                assertArrayEquals(x.mul(0.1234f).toType(DataType.FLOAT64, false).toDoubleArray(),
                        x.mul(Scalars.of(x, 0.1234f)).toType(DataType.FLOAT64, false).toDoubleArray(), 0, dt.toString());
                assertArrayEquals(x.pow(3).toType(DataType.FLOAT64, false).toDoubleArray(),
                        x.pow(Scalars.of(x, 3)).toType(DataType.FLOAT64, false).toDoubleArray(), 0, dt.toString());
                assertEquals(dt, x.div(Scalars.of(x, 7)).getDataType());
            }
        }
    }
}
