package io.rita.types;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Finds the records annotated with {@link EventType} in packages, with classgraph. */
final class TypeScanner {

    private TypeScanner() {
    }

    /** An annotated record found by a scan. */
    record Found(String name, Class<?> type) {
    }

    /**
     * The annotated records in the packages and their sub-packages, ordered by class name.
     *
     * @throws IllegalArgumentException when no package is given, nothing is found (most likely a
     *                                  misspelt package), or an annotated class is not a record
     */
    static List<Found> scan(String... packages) {
        if (packages == null || packages.length == 0 || Arrays.stream(packages).anyMatch(p -> p == null || p.isBlank())) {
            throw new IllegalArgumentException("scan needs one or more package names, e.g."
                    + " scan(\"com.example.events\"); got " + Arrays.toString(packages));
        }
        List<Found> found = new ArrayList<>();
        // non-public records are events too, so look past class visibility
        try (ScanResult result = new ClassGraph().enableAnnotationInfo().ignoreClassVisibility()
                .acceptPackages(packages).scan()) {
            for (ClassInfo info : result.getClassesWithAnnotation(EventType.class.getName())) {
                String name = String.valueOf(info.getAnnotationInfo(EventType.class.getName())
                        .getParameterValues().getValue("value"));
                if (!info.isRecord()) {
                    throw new IllegalArgumentException(info.getName() + " is annotated with @EventType(\""
                            + name + "\") but is not a record; scanned event types must be records:"
                            + " make it a record, or remove the annotation and register it with"
                            + " TypeRegistry.builder().add(name, type)");
                }
                found.add(new Found(name, load(info, name)));
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no records annotated with @EventType in packages "
                    + Arrays.toString(packages) + "; check the package names, or annotate the event records");
        }
        return found;
    }

    private static Class<?> load(ClassInfo info, String name) {
        try {
            return info.loadClass();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load " + info.getName() + ", annotated with @EventType(\""
                    + name + "\"): " + e.getMessage() + "; check that it and its dependencies are on the classpath", e);
        }
    }
}
