package org.elusive.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elusive.eval.Evaluator;

/**
 * lm-eval's {@code --show_config}: after scoring, the configuration as JSON on stdout: each task's
 * merged YAML ({@code configs}, as lm-eval's results file keys them) and the run's settings
 * ({@code config}).
 */
final class ShowConfig {
    private ShowConfig() {}

    static void print(Evaluator.Batch batch, Map<String, Object> settings, PrintStream out) {
        Map<String, Object> configs = new LinkedHashMap<>();
        batch.configs().forEach((name, cfg) -> configs.put(name, cfg.yaml()));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("configs", configs);
        all.put("config", settings);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(all));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task configs are plain YAML values: " + e.getMessage(), e);
        }
    }
}
