package io.rita.types;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The old names (aliases) and upcasters a {@link TypeRegistry.Builder} collects. Like the types
 * themselves they are checked when the registry is built, against the types registered by then,
 * so that a broken history (a step missing, an old name that points nowhere) stops the program at
 * start-up rather than on the first old event.
 */
final class TypeHistory {

    private record Alias(String oldName, String currentName) {
    }

    private record Step(String name, int fromVersion, UnaryOperator<ObjectNode> upcaster) {
    }

    private final List<Alias> aliases = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    void alias(String oldName, String currentName) {
        aliases.add(new Alias(oldName, currentName));
    }

    void upcast(String name, int fromVersion, UnaryOperator<ObjectNode> upcaster) {
        steps.add(new Step(name, fromVersion, upcaster));
    }

    /**
     * The registrations with their upcasters attached, in the same order.
     *
     * @throws IllegalArgumentException when a step names no registered type, starts below version 1, is
     *                                  missing or given twice, or belongs to a type whose codec is not JSON
     */
    Map<String, Registration> withUpcasters(Map<String, Registration> byName) {
        Map<String, TreeMap<Integer, UnaryOperator<ObjectNode>>> chains = new HashMap<>();
        for (Step step : steps) {
            Registration registration = byName.get(step.name());
            if (registration == null) {
                throw new IllegalArgumentException("an upcaster is given for event type '" + step.name()
                        + "', which is not registered" + currentNameHint(step.name())
                        + "; register the type, then its upcasters");
            }
            if (step.upcaster() == null) {
                throw new IllegalArgumentException("the upcaster from version " + step.fromVersion() + " of "
                        + registration.describe() + " is null; give a function from the old JSON to the next");
            }
            if (step.fromVersion() < 1) {
                throw new IllegalArgumentException("an upcaster of " + registration.describe()
                        + " starts from version " + step.fromVersion() + "; versions start at 1 (events stored"
                        + " without a rita-version, e.g. by Go Rita, are version 1)");
            }
            if (!JsonCodec.NAME.equals(registration.codec().name())) {
                throw new IllegalArgumentException(registration.describe() + " uses the "
                        + registration.codec().name() + " codec, but upcasters work on JSON; register the type with"
                        + " the json codec, or convert its data in the application");
            }
            UnaryOperator<ObjectNode> earlier = chains.computeIfAbsent(step.name(), n -> new TreeMap<>())
                    .putIfAbsent(step.fromVersion(), step.upcaster());
            if (earlier != null) {
                throw new IllegalArgumentException(registration.describe() + " has two upcasters from"
                        + " version " + step.fromVersion() + "; give one per version");
            }
        }
        Map<String, Registration> upcast = new LinkedHashMap<>();
        for (Registration registration : byName.values()) {
            TreeMap<Integer, UnaryOperator<ObjectNode>> chain = chains.get(registration.name());
            upcast.put(registration.name(), chain == null ? registration : new Registration(registration.name(),
                    registration.type(), registration.codec(), inOrder(registration, chain)));
        }
        return upcast;
    }

    /** The steps from version 1 up, refusing a gap. */
    private static List<UnaryOperator<ObjectNode>> inOrder(Registration registration,
                                                           TreeMap<Integer, UnaryOperator<ObjectNode>> chain) {
        int current = chain.lastKey() + 1;
        List<UnaryOperator<ObjectNode>> ordered = new ArrayList<>(chain.size());
        for (int version = 1; version < current; version++) {
            UnaryOperator<ObjectNode> step = chain.get(version);
            if (step == null) {
                throw new IllegalArgumentException(registration.describe() + " has no upcaster from"
                        + " version " + version + " to " + (version + 1) + ", but upcasters up to version " + current
                        + ": every version from 1 to the current one needs its step, or events stored at version "
                        + version + " could not be read");
            }
            ordered.add(step);
        }
        return ordered;
    }

    /**
     * The registrations by old name.
     *
     * @throws IllegalArgumentException when an old name is not a valid name, is also a registered
     *                                  name, is given twice, or points at no registered type
     */
    Map<String, Registration> aliases(Map<String, Registration> byName) {
        Map<String, Registration> byOldName = new HashMap<>();
        for (Alias alias : aliases) {
            String oldName = alias.oldName();
            if (oldName == null || !TypeRegistry.NAME.matcher(oldName).matches()) {
                throw new IllegalArgumentException("bad old event type name "
                        + (oldName == null ? "null" : "'" + oldName + "'") + " for '" + alias.currentName()
                        + "': names match ^[\\w-]+(\\.[\\w-]+)*$");
            }
            Registration current = byName.get(alias.currentName());
            if (current == null) {
                throw new IllegalArgumentException("old name '" + oldName + "' points at '"
                        + alias.currentName() + "', which is not registered" + currentNameHint(alias.currentName())
                        + "; point it at the type's current name");
            }
            if (byName.containsKey(oldName)) {
                throw new IllegalArgumentException("'" + oldName + "' is registered as "
                        + byName.get(oldName).describe() + ", so it cannot also be an old name of '"
                        + current.name() + "'");
            }
            Registration earlier = byOldName.putIfAbsent(oldName, current);
            if (earlier != null) {
                throw new IllegalArgumentException("old name '" + oldName + "' is given twice (for '"
                        + earlier.name() + "' and '" + current.name() + "'); an old name reads as one type");
            }
        }
        return byOldName;
    }

    private String currentNameHint(String name) {
        for (Alias alias : aliases) {
            if (alias.oldName() != null && alias.oldName().equals(name)) {
                return " (it is an old name of '" + alias.currentName() + "': use that)";
            }
        }
        return "";
    }
}
