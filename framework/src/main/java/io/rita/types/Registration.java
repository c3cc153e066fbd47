package io.rita.types;

/** One entry of a {@link TypeRegistry}: an event type name, its Java type and its codec. */
record Registration(String name, Class<?> type, Codec codec) {

    /** How messages name this entry: {@code event type 'funds-deposited' (com.example.FundsDeposited)}. */
    String describe() {
        return "event type '" + name + "' (" + (type == null ? "no Java type" : type.getTypeName()) + ")";
    }

    /**
     * Checks what can be checked of this entry on its own: the name, the type, and the binary
     * codec's restriction to {@code byte[]}.
     *
     * @throws TypeRegistryException naming the entry and what to change
     */
    void checkShape() {
        if (name == null || !TypeRegistry.NAME.matcher(name).matches()) {
            throw new TypeRegistryException(name, "bad event type name " + (name == null ? "null" : "'" + name + "'")
                    + (type == null ? "" : " for " + type.getTypeName())
                    + ": a name is letters, digits, '_' and '-', in dot-separated parts (^[\\w-]+(\\.[\\w-]+)*$),"
                    + " e.g. 'funds-deposited' or 'com.example.order-shipped'");
        }
        if (type == null) {
            throw new TypeRegistryException(name, describe() + " has no Java type; give the record class");
        }
        if (type.isPrimitive()) {
            throw new TypeRegistryException(name, describe() + " is a primitive type, which data can never be"
                    + " an instance of; register a record instead");
        }
        if (codec instanceof BinaryCodec && type != byte[].class) {
            throw new TypeRegistryException(name, describe() + " uses the binary codec, which only takes byte[];"
                    + " register it as byte[].class, or use the json codec");
        }
    }
}
