package io.rita.internal;

/** A value as an error message echoes it to whoever sent it: enough to recognise, never a whole oversized field. */
public final class Shown {

    /** How many characters of a value a message shows. */
    public static final int LENGTH = 40;

    private Shown() {
    }

    /** The value's first {@value #LENGTH} characters, with {@code ...} when there were more. */
    public static String shortened(String value) {
        return value.length() <= LENGTH ? value : value.substring(0, LENGTH) + "...";
    }
}
