package org.elusive.sloth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files of {@code sloth fit}, {@code sloth interpret} and {@code sloth backtest}. */
public final class SlothOutputs {
    private SlothOutputs() {}

    /** params.json, skills (per model), loadings (per benchmark), fitted (per model × benchmark) and the link functions' figure. */
    public static void writeFit(SlothFit fit, Path out, String format) {
        writeParams(fit, out);
        List<String> skillCols = new ArrayList<>();
        for (int s = 1; s <= fit.params().skills(); s++) skillCols.add("skill_" + s);
        writeSkills(fit, out, format, skillCols);
        writeLoadings(fit, out, format, skillCols);
        writeFitted(fit, out, format);
        SlothPlots.links(fit, out);
    }

    private static void writeParams(SlothFit fit, Path out) {
        Design ds = fit.design();
        SlothParams p = fit.params();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmarks", ds.benchmarks());
        json.put("features", Design.FEATURES);
        json.put("families", ds.families());
        json.put("skills", p.skills());
        json.put("link", p.link() == null ? "sigmoid" : "monotone");
        json.put("train_mae", fit.trainMae());
        json.put("epochs", fit.epochs());
        json.put("W_X", p.wX());
        json.put("W_D", p.wD());
        json.put("loadings", p.loadings());
        json.put("bias", p.bias());
        json.put("floor", p.floor());
        if (p.link() != null) json.put("monotone_link", p.link());
        try {
            Files.createDirectories(out);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("params.json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSkills(SlothFit fit, Path out, String format, List<String> skillCols) {
        Design ds = fit.design();
        double[][] theta = fit.params().skills(ds.x(), ds.d());
        List<String> header = new ArrayList<>(List.of("model", "family", "params_b", "tokens_t"));
        header.addAll(skillCols);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            ScalingTable.Row r = ds.rows().get(i);
            List<Object> row = new ArrayList<>(List.of(r.model(), r.family(), r.params(), r.tokens()));
            for (double t : theta[i]) row.add(t);
            rows.add(row);
        }
        TableOut.write(out, "skills", format, header, rows);
    }

    private static void writeLoadings(SlothFit fit, Path out, String format, List<String> skillCols) {
        Design ds = fit.design();
        SlothParams p = fit.params();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        header.addAll(skillCols);
        header.addAll(List.of("bias", "floor"));
        List<List<Object>> rows = new ArrayList<>();
        for (int j = 0; j < ds.benchmarks().size(); j++) {
            List<Object> row = new ArrayList<>(List.of(ds.benchmarks().get(j)));
            for (int s = 0; s < p.skills(); s++) row.add(p.loadings()[s][j]);
            row.add(p.bias()[j]);
            row.add(p.floor()[j]);
            rows.add(row);
        }
        TableOut.write(out, "loadings", format, header, rows);
    }

    private static void writeFitted(SlothFit fit, Path out, String format) {
        Design ds = fit.design();
        double[][] yhat = fit.fitted();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++)
            for (int j = 0; j < ds.benchmarks().size(); j++)
                rows.add(List.of(ds.rows().get(i).model(), ds.rows().get(i).family(), ds.benchmarks().get(j), yhat[i][j], ds.y()[i][j]));
        TableOut.write(out, "fitted", format, List.of("model", "family", "benchmark", "predicted", "actual"), rows);
    }

    /**
     * rotated_loadings (per benchmark: Λ_rot and the bias of the centred skills), rotated_skills (per
     * model), rotated_map (the rotated skills' weights on every feature and family), rotation (the
     * k × k matrices: whitening W, rotation T, transform M = W·T·S, and the signs S), interpret.json
     * (method, anchor, criterion, updates) and the figures of {@link InterpretPlots}.
     */
    public static void writeInterpret(Interpretation in, Path out, String format) {
        writeSummary(in, out);
        FitOutput fit = in.fit();
        List<String> skills = in.skillNames();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        header.addAll(skills);
        header.add("bias");
        List<List<Object>> rows = new ArrayList<>();
        for (int j = 0; j < fit.benchmarks().size(); j++) {
            List<Object> row = new ArrayList<>(List.of(fit.benchmarks().get(j)));
            for (int s = 0; s < fit.k(); s++) row.add(in.loadings()[s][j]);
            row.add(in.bias()[j]);
            rows.add(row);
        }
        TableOut.write(out, "rotated_loadings", format, header, rows);
        header = new ArrayList<>(List.of("model", "family", "params_b", "tokens_t"));
        header.addAll(skills);
        rows = new ArrayList<>();
        for (int i = 0; i < fit.models().size(); i++) {
            List<Object> row = new ArrayList<>(List.of(fit.models().get(i), fit.modelFamilies().get(i), fit.paramsB()[i], fit.tokensT()[i]));
            for (double z : in.skills()[i]) row.add(z);
            rows.add(row);
        }
        TableOut.write(out, "rotated_skills", format, header, rows);
        writeMatrices(in, out, format, skills);
        InterpretPlots.loadings(in, out);
        InterpretPlots.correlation(in, out);
        InterpretPlots.levelCurves(in, out);
    }

    private static void writeMatrices(Interpretation in, Path out, String format, List<String> skills) {
        List<String> header = new ArrayList<>(List.of("row"));
        header.addAll(skills);
        List<List<Object>> rows = new ArrayList<>();
        List<String> names = in.fit().mapRows();
        for (int r = 0; r < names.size(); r++) rows.add(row(names.get(r), in.map()[r]));
        TableOut.write(out, "rotated_map", format, header, rows);
        header = new ArrayList<>(List.of("matrix", "row"));
        header.addAll(skills);
        rows = new ArrayList<>();
        Map<String, double[][]> ms = new LinkedHashMap<>();
        ms.put("whitening", in.whitening());
        ms.put("rotation", in.geomin().rotation());
        ms.put("transform", in.transform());
        ms.put("signs", new double[][] {in.signs()});
        for (var e : ms.entrySet())
            for (int r = 0; r < e.getValue().length; r++) {
                List<Object> row = new ArrayList<>(List.of(e.getKey(), r + 1));
                for (double v : e.getValue()[r]) row.add(v);
                rows.add(row);
            }
        TableOut.write(out, "rotation", format, header, rows);
    }

    private static List<Object> row(String name, double[] values) {
        List<Object> row = new ArrayList<>(List.of(name));
        for (double v : values) row.add(v);
        return row;
    }

    private static void writeSummary(Interpretation in, Path out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fit", in.fit().dir().toString());
        json.put("rotation", in.method().label());
        json.put("anchor", in.anchor());
        json.put("delta", Geomin.DELTA);
        json.put("tolerance", Geomin.TOL);
        json.put("max_iter", Geomin.MAX_ITER);
        json.put("criterion_start", in.geomin().start());
        json.put("criterion", in.geomin().criterion());
        json.put("updates", in.geomin().updates());
        json.put("signs", in.signs());
        try {
            Files.createDirectories(out);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("interpret.json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** errors, summary, groups, the predicted-vs-actual figures and the error heatmap. */
    public static void writeBacktest(Backtest.Result r, Path out, String format) {
        List<List<Object>> rows = new ArrayList<>();
        for (Backtest.Prediction p : r.predictions())
            rows.add(List.of(p.method(), p.family(), p.model(), p.benchmark(), p.predicted(), p.actual(), p.absError()));
        TableOut.write(out, "errors", format, List.of("method", "family", "model", "benchmark", "predicted", "actual", "abs_error"), rows);
        rows = new ArrayList<>();
        for (Backtest.Summary s : r.summary())
            rows.add(List.of(s.method(), s.benchmark(), s.maePooled(), s.maeFamilyAvg(), s.groups(), s.predictions()));
        TableOut.write(out, "summary", format, List.of("method", "benchmark", "mae_pooled", "mae_family_avg", "n_groups", "n_predictions"), rows);
        rows = new ArrayList<>();
        for (int g = 0; g < r.groups().size(); g++) for (String f : r.groups().get(g)) rows.add(List.of(g, f));
        TableOut.write(out, "groups", format, List.of("group", "family"), rows);
        SlothPlots.predictedVsActual(r, out);
        SlothPlots.errorHeatmap(r, out);
    }
}
