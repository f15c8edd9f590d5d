package org.elusive.cli;

import ai.djl.ndarray.types.DataType;
import org.elusive.catalog.Steps;
import org.elusive.core.BadInputException;
import org.elusive.eval.DeviceSpec;
import org.elusive.model.CheckpointLoader;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the command line's strings become the library's types: every option of these types is
 * converted here, once, and a bad value is a one-line usage error (exit 2) naming the option and the
 * value. Enums (e.g. {@code --counts}) are converted by picocli itself, case-insensitively.
 */
final class Converters {
    private Converters() {}

    static CommandLine register(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(DeviceSpec.class, of(DeviceSpec::parse));
        cli.registerConverter(DataType.class, of(CheckpointLoader::dataType));
        cli.registerConverter(Steps.class, of(Steps::parse));
        return cli;
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
