package io.rita.kmm.service.cli;

import io.rita.kmm.service.web.HttpAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;

/** Reads {@code --http.addr}: {@code HOST:PORT}, {@code :PORT} or {@code PORT} (then 127.0.0.1). */
final class HttpAddressConverter implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String text) {
        try {
            return HttpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
