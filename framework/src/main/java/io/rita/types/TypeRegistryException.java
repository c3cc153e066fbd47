package io.rita.types;

/** A type registry was built or used wrongly: bad name, duplicate, failed round trip, unknown type. */
public class TypeRegistryException extends IllegalArgumentException {

    private final String typeName;

    public TypeRegistryException(String typeName, String message) {
        this(typeName, message, null);
    }

    public TypeRegistryException(String typeName, String message, Throwable cause) {
        super(message, cause);
        this.typeName = typeName;
    }

    /** The event type name concerned, or {@code null} when the problem is a Java type without a name. */
    public String typeName() {
        return typeName;
    }
}
