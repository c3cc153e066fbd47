package io.rita.kmm.service.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Reads a time zone: a region like {@code Europe/Berlin}, {@code UTC}, or an offset like {@code +02:00}. */
final class ZoneConverter implements ITypeConverter<ZoneId> {

    /** The option's default: the JVM's zone, which follows {@code TZ}. */
    static final String SYSTEM = "system";

    @Override
    public ZoneId convert(String text) {
        if (text == null || text.isBlank() || text.equals(SYSTEM)) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + text + "' is not a time zone (e.g. Europe/Berlin, UTC, +02:00)");
        }
    }
}
