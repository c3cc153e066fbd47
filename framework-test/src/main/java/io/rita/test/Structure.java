package io.rita.test;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Walks values field by field: records by component, lists and arrays by index, maps by key.
 *
 * <p>Used to compare expected and actual events (so a failure names the differing field, and
 * named fields can be ignored) and to take a deep picture of a state (so a {@code decide} that
 * changes its input is caught even when the change hides inside a list of a record).
 */
final class Structure {

    // deep enough for any domain record; the limit only stops a cycle through mutable collections
    private static final int MAX_DEPTH = 32;

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            return componentsOf(type);
        }
    };

    private record Component(String name, Method accessor) {
    }

    private Structure() {
    }

    /** A deep text picture of a value, like a record's {@code toString} but also through arrays. */
    static String describe(Object value) {
        StringBuilder out = new StringBuilder();
        describe(value, out, 0);
        return out.toString();
    }

    /** The differences between two values, skipping fields named in {@code ignored}; empty when they match. */
    static List<Difference> differences(Object expected, Object actual, Set<String> ignored) {
        List<Difference> found = new ArrayList<>();
        compare("", expected, actual, ignored, found, 0);
        return found;
    }

    /** Whether two values match field by field, skipping fields named in {@code ignored}. */
    static boolean same(Object expected, Object actual, Set<String> ignored) {
        if (ignored.isEmpty() && Objects.equals(expected, actual)) {
            return true;
        }
        return differences(expected, actual, ignored).isEmpty();
    }

    /** The short type name of a value, e.g. {@code FundsWithdrawn}, or {@code null}. */
    static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    /** A leaf value as shown in a difference table: strings quoted so that blanks stay visible. */
    static String show(Object value) {
        return value instanceof String s ? '"' + s + '"' : describe(value);
    }

    private static void compare(String path, Object expected, Object actual, Set<String> ignored,
                                List<Difference> found, int depth) {
        if (!path.isEmpty() && isIgnored(path, ignored)) {
            return;
        }
        if (expected == actual || (ignored.isEmpty() && Objects.equals(expected, actual))) {
            return;
        }
        if (expected == null || actual == null || depth > MAX_DEPTH) {
            found.add(new Difference(path, expected, actual));
            return;
        }
        Component[] components = expected.getClass() == actual.getClass() ? COMPONENTS.get(expected.getClass()) : null;
        if (components != null) {
            for (Component component : components) {
                compare(join(path, component.name()), read(component, expected), read(component, actual),
                        ignored, found, depth + 1);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            compareIndexed(path, e, a, ignored, found, depth);
        } else if (expected.getClass().isArray() && actual.getClass().isArray()) {
            compareIndexed(path, arrayAsList(expected), arrayAsList(actual), ignored, found, depth);
        } else if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                compare(path + "[" + key + "]", e.get(key), a.get(key), ignored, found, depth + 1);
            }
        } else if (expected instanceof Optional<?> e && actual instanceof Optional<?> a) {
            compare(path, e.orElse(null), a.orElse(null), ignored, found, depth + 1);
        } else if (!Objects.equals(expected, actual)) {
            found.add(new Difference(path, expected, actual));
        }
    }

    private static void compareIndexed(String path, List<?> expected, List<?> actual, Set<String> ignored,
                                       List<Difference> found, int depth) {
        int size = Math.max(expected.size(), actual.size());
        for (int i = 0; i < size; i++) {
            Object e = i < expected.size() ? expected.get(i) : Missing.VALUE;
            Object a = i < actual.size() ? actual.get(i) : Missing.VALUE;
            if (e == Missing.VALUE || a == Missing.VALUE) {
                found.add(new Difference(path + "[" + i + "]", e, a));
            } else {
                compare(path + "[" + i + "]", e, a, ignored, found, depth + 1);
            }
        }
    }

    /** Marks the side of a list that has no element at an index. */
    private enum Missing {
        VALUE;

        @Override
        public String toString() {
            return "(none)";
        }
    }

    private static boolean isIgnored(String path, Set<String> ignored) {
        if (ignored.isEmpty()) {
            return false;
        }
        // "items[2].time" is matched by "time" (a name anywhere) and by "items.time" (a path)
        String plain = path.replaceAll("\\[[^]]*]", "");
        int dot = plain.lastIndexOf('.');
        return ignored.contains(plain) || ignored.contains(plain.substring(dot + 1));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static void describe(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
            return;
        }
        if (depth > MAX_DEPTH) {
            out.append("...");
            return;
        }
        Component[] components = COMPONENTS.get(value.getClass());
        if (components != null) {
            out.append(value.getClass().getSimpleName()).append('[');
            for (int i = 0; i < components.length; i++) {
                out.append(i == 0 ? "" : ", ").append(components[i].name()).append('=');
                describe(read(components[i], value), out, depth + 1);
            }
            out.append(']');
        } else if (value.getClass().isArray()) {
            describeAll(arrayAsList(value), out, depth);
        } else if (value instanceof Collection<?> c) {
            describeAll(c, out, depth);
        } else if (value instanceof Map<?, ?> m) {
            StringJoiner entries = new StringJoiner(", ", "{", "}");
            m.forEach((k, v) -> entries.add(describe(k) + "=" + describe(v)));
            out.append(entries);
        } else {
            out.append(value);
        }
    }

    private static void describeAll(Collection<?> values, StringBuilder out, int depth) {
        out.append('[');
        boolean first = true;
        for (Object v : values) {
            out.append(first ? "" : ", ");
            describe(v, out, depth + 1);
            first = false;
        }
        out.append(']');
    }

    private static List<Object> arrayAsList(Object array) {
        int length = Array.getLength(array);
        List<Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    private static Object read(Component component, Object target) {
        try {
            return component.accessor().invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.name() + " of " + typeName(target), e);
        }
    }

    /** The record's components with accessible accessors, or {@code null} for a non-record or a closed module. */
    private static Component[] componentsOf(Class<?> type) {
        RecordComponent[] recordComponents = type.getRecordComponents();
        if (recordComponents == null) {
            return null;
        }
        Component[] components = new Component[recordComponents.length];
        try {
            for (int i = 0; i < recordComponents.length; i++) {
                Method accessor = recordComponents[i].getAccessor();
                // domain records are often package-private or nested in a test class
                accessor.setAccessible(true);
                components[i] = new Component(recordComponents[i].getName(), accessor);
            }
        } catch (RuntimeException e) {
            // a record in a named module that is not opened: compare and show it as a whole
            return null;
        }
        return components;
    }
}
