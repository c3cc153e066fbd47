package io.rita.types;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a command record on the wire when the name derived from its class is not the one wanted:
 * a service derives one endpoint per command of a sealed interface, named in kebab-case after the
 * record ({@code ReserveSeat} is {@code reserve-seat}) unless this annotation says otherwise.
 *
 * <pre>{@code
 * @CommandType("book")
 * public record ReserveSeat(String seat, String guest) implements ShowCommand {}
 * }</pre>
 *
 * <p>The name is one subject token: letters, digits, {@code _} and {@code -}. Renaming a record's
 * class is then safe; changing this name changes the endpoint's subject.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CommandType {

    /** The command's name, e.g. {@code "reserve-seat"}. */
    String value();
}
