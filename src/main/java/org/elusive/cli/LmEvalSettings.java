package org.elusive.cli;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elusive.catalog.Checkpoint;
import org.elusive.core.Version;
import org.elusive.eval.EvalResult;
import org.elusive.eval.LmEvalOutput;
import org.elusive.model.ModelConfig;

/** The run of {@code elusive eval} as lm-eval's results JSON records it (docs/lm-eval-output.md). */
final class LmEvalSettings {
    private LmEvalSettings() {}

    /**
     * @param model     --model as given: a directory, or {@code org/name@revision} (lm-eval's pretrained= and revision=)
     * @param tokenizer --tokenizer, or null (the checkpoint's)
     * @param maxLength --max-length, or null for the checkpoint's context
     */
    static LmEvalOutput.Settings of(String model, Path tokenizer, EvalResult result, ai.djl.ndarray.types.DataType dataType,
            String device, org.elusive.task.Limit limit, Integer maxLength, String seed, org.elusive.model.AttentionPath attention) {
        Checkpoint ckpt = result.checkpoint();
        ModelConfig mc = result.model();
        int at = model.lastIndexOf('@');
        String pretrained = at > 0 ? model.substring(0, at) : model;
        String dtype = torchName(dataType);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("pretrained", pretrained);
        if (at > 0) args.put("revision", model.substring(at + 1));
        if (tokenizer != null) args.put("tokenizer", tokenizer.toString());
        args.put("dtype", dtype.substring("torch.".length()));
        List<String> eos = Arrays.asList(null, String.valueOf(mc.eosTokenId()));
        List<String> bos = Arrays.asList(null, String.valueOf(mc.bosTokenId()));
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("version", Version.number());
        own.put("family", ckpt.family());
        own.put("model", ckpt.model());
        own.put("revision", ckpt.revision());
        own.put("params", ckpt.params());
        own.put("tokens", Double.isNaN(ckpt.tokens()) ? null : ckpt.tokens());
        own.put("attention", attention.toString());
        own.put("scoring_seconds", result.seconds());
        own.put("docs", result.docs().size());
        own.put("tokens_scored", result.stats().tokens());
        own.put("forward_calls", result.stats().forwards());
        String env = "elusive " + Version.number() + "\nJava " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")\nOS: " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
        return new LmEvalOutput.Settings(pretrained, args, ckpt.revision(), ckpt.params(), dtype, device,
                "auto", limit == null || limit == org.elusive.task.Limit.NONE ? null : limit.value(),
                maxLength != null && maxLength > 0 ? maxLength : mc.maxPositions(),
                mc.eosTokenId(), eos, eos, bos, env, LmEvalSpellings.seeds(seed), own);
    }

    /** lm-eval's str(model.dtype): torch.float32 or torch.float16. */
    private static String torchName(DataType t) {
        return switch (t) {
            case FLOAT16 -> "torch.float16";
            case BFLOAT16 -> "torch.bfloat16";
            default -> "torch.float32";
        };
    }
}
