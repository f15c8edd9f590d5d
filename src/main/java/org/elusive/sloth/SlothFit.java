package org.elusive.sloth;

import java.util.List;

/** Sloth fitted on every complete row of a table (no held-out families): the model behind {@code sloth fit}. */
public record SlothFit(Design design, SlothParams params, double trainMae, int epochs) {

    public static SlothFit fit(ScalingTable table, List<String> benchmarks, int skills, SlothTrainer.Link link,
                               double[] floors, SlothTrainer.Options opt) {
        Design ds = Design.of(table, benchmarks, 1);
        if (ds.size() < 2) throw new org.elusive.core.BadInputException(table.file() + ": fewer than 2 rows with params, tokens, FLOPs and every benchmark");
        boolean[][] all = new boolean[1][ds.size()];
        java.util.Arrays.fill(all[0], true);
        var sig = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), all, floors,
                new SlothTrainer.Spec(skills, false, false, SlothTrainer.Link.SIGMOID), null, opt).get(0);
        if (link == SlothTrainer.Link.SIGMOID) return new SlothFit(ds, sig.params(), sig.trainMae(), sig.epochs());
        var mono = SlothTrainer.fit(ds.x(), ds.d(), ds.y(), all, floors,
                new SlothTrainer.Spec(skills, false, true, SlothTrainer.Link.MONOTONE), List.of(sig.params()), opt).get(0);
        return new SlothFit(ds, mono.params(), mono.trainMae(), mono.epochs());
    }

    public double[][] fitted() { return params.predict(design.x(), design.d()); }
}
