package io.rita.aggregate;

import io.rita.decider.Decider;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Finds the event type {@code E} and state type {@code S} a decider class declares in {@code implements Decider<C, E, S>}. */
final class EventTypes {

    private EventTypes() {
    }

    /**
     * The raw class of the decider's event type, or {@code Object} when the class does not say
     * (a lambda-built {@code Decider.of}, or a type variable): then every event is handed on as is.
     */
    static Class<?> of(Decider<?, ?, ?> decider) {
        return argument(decider, 1);
    }

    /**
     * The records an event of {@code eventType} can be, as far as the type says: the permitted
     * records of a sealed type, through sealed types in between; the type itself when it is a
     * record; none for other types ({@code Object}, a class or an interface that is not sealed),
     * whose events the type does not name.
     */
    static List<Class<?>> concrete(Class<?> eventType) {
        List<Class<?>> classes = new ArrayList<>();
        collect(eventType, classes);
        return classes;
    }

    private static void collect(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, into);
            }
        } else if (type.isRecord()) {
            into.add(type);
        }
    }

    /** The raw class of the decider's state type, or {@code Object} when the class does not say. */
    static Class<?> stateOf(Decider<?, ?, ?> decider) {
        return argument(decider, 2);
    }

    private static Class<?> argument(Decider<?, ?, ?> decider, int index) {
        for (Class<?> c = decider.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type type : c.getGenericInterfaces()) {
                if (type instanceof ParameterizedType p && p.getRawType() == Decider.class) {
                    Type event = p.getActualTypeArguments()[index];
                    if (event instanceof Class<?> raw) {
                        return raw;
                    }
                    if (event instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                }
            }
        }
        return Object.class;
    }
}
