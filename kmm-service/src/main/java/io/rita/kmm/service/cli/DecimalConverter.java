package io.rita.kmm.service.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;

/**
 * Reads an amount from the command line as an exact decimal ({@code 7.50}, {@code 1e2}); whether
 * it is an acceptable amount (positive, not absurdly large) is the service's decision.
 */
final class DecimalConverter implements ITypeConverter<BigDecimal> {

    @Override
    public BigDecimal convert(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a decimal number (e.g. 7.5)");
        }
    }
}
