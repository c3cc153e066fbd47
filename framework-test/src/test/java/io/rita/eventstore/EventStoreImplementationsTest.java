package io.rita.eventstore;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event store of ours (the stores, the test kit's, the tests' wrappers) overrides the load
 * the engine calls, {@link EventStore#load(String, long, UnknownTypes)}: one that overrides only
 * the two-argument form is silently bypassed, and a test built on it stops testing anything (two
 * of ours once did).
 */
@Timeout(60)
class EventStoreImplementationsTest {

    @Test
    void every_store_that_overrides_a_shorter_load_overrides_the_one_the_engine_calls() throws Exception {
        List<String> scanned = new ArrayList<>();
        List<String> bypassed = new ArrayList<>();
        try (ScanResult scan = new ClassGraph().enableClassInfo().ignoreClassVisibility().acceptPackages("io.rita").scan()) {
            for (ClassInfo info : scan.getClassesImplementing(EventStore.class.getName())) {
                if (info.isInterface()) {
                    continue;
                }
                Class<?> store = info.loadClass();
                scanned.add(store.getName());
                if (declares(store, String.class, long.class) && !declares(store, String.class, long.class,
                        UnknownTypes.class)) {
                    bypassed.add(store.getName());
                }
            }
        }
        assertThat(scanned).as("the scan finds the stores")
                .contains(JetStreamEventStore.class.getName(), "io.rita.test.memory.InMemoryEventStore");
        assertThat(bypassed).as("stores whose load(subject, after) the engine never calls").isEmpty();
    }

    private static boolean declares(Class<?> type, Class<?>... parameters) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals("load") && !method.isSynthetic()
                        && Arrays.equals(method.getParameterTypes(), parameters)) {
                    return true;
                }
            }
        }
        return false;
    }
}
