package org.elusive.cli;

import ai.djl.ndarray.types.DataType;
import java.time.Duration;
import org.elusive.catalog.Steps;
import org.elusive.core.BadInputException;
import org.elusive.eval.DeviceSpec;
import org.elusive.model.CheckpointLoader;
import org.elusive.store.TableFormat;
import org.elusive.task.Limit;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the command line's strings become the library's types: every option of these types is
 * converted here, once, and a bad value is a one-line usage error (exit 2) naming the option and the
 * value. Enums (e.g. {@code --counts}) are converted by picocli itself, case-insensitively. Counts
 * with a lower bound name {@link Positive} or {@link NonNegative} as their converter, so a value
 * out of range stops the command at parsing, before any model loads or any sweep unit runs.
 */
final class Converters {
    private Converters() {}

    static CommandLine register(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(DeviceSpec.class, of(DeviceSpec::parse));
        cli.registerConverter(DataType.class, of(CheckpointLoader::dataType));
        cli.registerConverter(Steps.class, of(Steps::parse));
        cli.registerConverter(TableFormat.class, of(TableFormat::fromName));
        cli.registerConverter(Duration.class, Converters::duration);
        cli.registerConverter(Limit.class, of(Limit::parse));
        return cli;
    }

    /** A count of at least 1 (--limit, --batch-tokens, --max-length: 0 would score nothing or be ignored). */
    static final class Positive implements ITypeConverter<Integer> {
        @Override public Integer convert(String value) { return atLeast(value, 1); }
    }

    /** A count of at least 0 (--num-fewshot: 0 is zero-shot, below is meaningless). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override public Integer convert(String value) { return atLeast(value, 0); }
    }

    private static int atLeast(String value, int min) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min) return n;
        } catch (NumberFormatException e) {
            // not a whole number: the same message as one out of range
        }
        throw new TypeConversionException("'" + value + "': expected a whole number >= " + min);
    }

    /** A duration such as 300, 300s, 5m or 1h (seconds when no unit is given), at least 0. */
    static Duration duration(String value) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*([smh]?)").matcher(value.strip());
        if (!m.matches()) throw new TypeConversionException("'" + value + "': expected a duration such as 300s, 5m or 1h");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The library's parser, its BadInputException turned into picocli's conversion error (message kept). */
    private static <T> ITypeConverter<T> of(ITypeConverter<T> parse) {
        return value -> {
            try {
                return parse.convert(value);
            } catch (BadInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }
}
