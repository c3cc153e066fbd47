package io.rita.types;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event record for the {@link TypeRegistry}, so that {@link TypeRegistry#scan}
 * can find it on the classpath.
 *
 * <pre>{@code
 * @EventType("funds-deposited")
 * public record FundsDeposited(BigDecimal amount, String description, Instant time) {}
 * }</pre>
 *
 * <p>The name is what is stored in the {@code rita-type} header; it must match
 * {@code ^[\w-]+(\.[\w-]+)*$}. Renaming a record's class is safe; changing this name is not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The event type name, e.g. {@code "order-placed"} or {@code "com.example.order-shipped"}. */
    String value();
}
