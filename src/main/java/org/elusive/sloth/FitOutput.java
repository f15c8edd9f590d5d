package org.elusive.sloth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elusive.core.BadInputException;
import org.elusive.store.RawTable;

/**
 * What {@code sloth interpret} reads from a {@code sloth fit} directory: params.json (the skills'
 * map W_X (features × k) and W_D (families × k), the loadings Λ (k × J) and biases) and the skills
 * table (skills.csv or skills.parquet: each training model's θ with its family, params and tokens).
 * The skills are read, not recomputed: they are the rows the fit saw, which the whitening needs.
 */
public record FitOutput(Path dir, List<String> benchmarks, List<String> features, List<String> families,
                        double[][] wX, double[][] wD, double[][] loadings, double[] bias,
                        List<String> models, List<String> modelFamilies, double[] paramsB, double[] tokensT, double[][] skills) {

    public int k() { return loadings.length; }

    /** The rows of the skills' map [W_X; W_D]: the features, then the families. */
    public List<String> mapRows() {
        List<String> out = new ArrayList<>(features);
        out.addAll(families);
        return out;
    }

    public static FitOutput read(Path dir) {
        Path json = dir.resolve("params.json");
        if (!Files.isRegularFile(json)) throw new BadInputException(json + ": not found; --fit takes the --out directory of 'sloth fit'");
        JsonNode p;
        try {
            p = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new BadInputException(json + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        double[][] loadings = matrix(json, p, "loadings");
        int k = loadings.length;
        double[][] wX = matrix(json, p, "W_X"), wD = matrix(json, p, "W_D");
        List<String> benchmarks = strings(json, p, "benchmarks"), features = strings(json, p, "features"), families = strings(json, p, "families");
        double[] bias = matrix(json, p, "bias", 1)[0];
        if (wX.length != features.size() || wD.length != families.size() || wX[0].length != k || wD[0].length != k
                || loadings[0].length != benchmarks.size() || bias.length != benchmarks.size())
            throw new BadInputException(json + ": W_X, W_D, loadings and bias do not match " + features.size() + " features, "
                    + families.size() + " families, " + benchmarks.size() + " benchmarks and " + k + " skills");
        return withSkills(dir, benchmarks, features, families, wX, wD, loadings, bias);
    }

    private static FitOutput withSkills(Path dir, List<String> benchmarks, List<String> features, List<String> families,
                                        double[][] wX, double[][] wD, double[][] loadings, double[] bias) {
        Path file = Files.isRegularFile(dir.resolve("skills.parquet")) ? dir.resolve("skills.parquet") : dir.resolve("skills.csv");
        if (!Files.isRegularFile(file)) throw new BadInputException(dir + ": no skills.csv or skills.parquet beside params.json");
        RawTable t = RawTable.read(file);
        int k = loadings.length, n = t.rows().size();
        List<String> cols = new ArrayList<>(List.of("model", "family", "params_b", "tokens_t"));
        for (int s = 1; s <= k; s++) cols.add("skill_" + s);
        int[] at = new int[cols.size()];
        for (int c = 0; c < at.length; c++) {
            at[c] = t.columns().indexOf(cols.get(c));
            if (at[c] < 0) throw new BadInputException(file + ": missing column '" + cols.get(c) + "'");
        }
        if (n <= k) throw new BadInputException(file + ": " + n + " models; the whitening needs more than the " + k + " skills");
        List<String> models = new ArrayList<>(), fams = new ArrayList<>();
        double[] params = new double[n], tokens = new double[n];
        double[][] skills = new double[n][k];
        for (int i = 0; i < n; i++) {
            String[] row = t.rows().get(i);
            models.add(row[at[0]]);
            fams.add(row[at[1]]);
            params[i] = number(file, row[at[2]], i, cols.get(2));
            tokens[i] = number(file, row[at[3]], i, cols.get(3));
            for (int s = 0; s < k; s++) skills[i][s] = number(file, row[at[4 + s]], i, cols.get(4 + s));
        }
        return new FitOutput(dir, benchmarks, features, families, wX, wD, loadings, bias, models, fams, params, tokens, skills);
    }

    private static double number(Path file, String cell, int row, String column) {
        try {
            double v = Double.parseDouble(cell);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException | NullPointerException e) {
            // reported below with the file, row and column
        }
        throw new BadInputException(file + ": row " + (row + 2) + ", column '" + column + "': " + cell + " is not a finite number");
    }

    private static List<String> strings(Path json, JsonNode p, String key) {
        JsonNode a = p.get(key);
        if (a == null || !a.isArray() || a.isEmpty()) throw new BadInputException(json + ": key '" + key + "' missing or empty");
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static double[][] matrix(Path json, JsonNode p, String key) {
        return matrix(json, p, key, 2);
    }

    /** A rectangular matrix of numbers under key (a vector is one row when depth is 1). */
    private static double[][] matrix(Path json, JsonNode p, String key, int depth) {
        JsonNode a = p.get(key);
        if (a == null || !a.isArray() || a.isEmpty()) throw new BadInputException(json + ": key '" + key + "' missing or empty");
        List<JsonNode> rows = new ArrayList<>();
        if (depth == 1) rows.add(a);
        else a.forEach(rows::add);
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode r = rows.get(i);
            if (!r.isArray() || r.size() != rows.get(0).size() || r.isEmpty())
                throw new BadInputException(json + ": key '" + key + "' is not a rectangular matrix of numbers");
            out[i] = new double[r.size()];
            for (int j = 0; j < out[i].length; j++) {
                if (!r.get(j).isNumber()) throw new BadInputException(json + ": key '" + key + "' holds " + r.get(j) + ", expected numbers");
                out[i][j] = r.get(j).asDouble();
            }
        }
        return out;
    }
}
