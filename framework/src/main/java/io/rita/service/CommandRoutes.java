package io.rita.service;

import io.rita.decider.Decider;
import io.rita.types.CommandType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every command route of a decider in one call: one endpoint per record of its sealed command
 * interface, at {@code <prefix>.<name>}, the name in kebab-case after the record
 * ({@code ReserveSeat} serves {@code shows.services.*.reserve-seat}) unless
 * {@link CommandType @CommandType} names it, all on the aggregate that one subject function gives
 * (of the request, or of the request and its command). Each endpoint decodes the body into its
 * record, picks the aggregate's subject, decides with the decider on the aggregate's state and
 * appends the events; see {@link Dispatcher} for what happens on conflicts, rejections and re-sent
 * commands.
 *
 * <pre>{@code
 * Function<Request, String> showOf = req -> "shows.events." + req.token(2);
 * List<Route> routes = new ArrayList<>(CommandRoutes.of("shows.services.*", ShowCommand.class, showOf, shows).routes());
 * routes.add(Route.query("shows.services.*.free-seats", showOf, shows, (show, req) -> ...));
 *
 * // a command read another way than JSON into its record:
 * CommandRoutes.of("kmm.services.*", AccountCommand.class, KmmRoutes::account, accounts)
 *         .withDecoder(RemoveBudget.class, (body, json) -> new RemoveBudget())
 *         .routes();
 * }</pre>
 *
 * <p>Bodies are read as JSON into each record with the dispatcher's mapper unless
 * {@link #withDecoder} gives a command its own decoder: missing, null or unknown fields and
 * malformed JSON are a 400 that says which field. The reply body is empty unless
 * {@link #withReply} says otherwise, and each command is served at {@code <prefix>.<name>} unless
 * {@link #withPattern} says otherwise. A single command record, not sealed, is one route of its
 * own; {@link Route#command} makes one at any pattern in one call. An immutable value; each
 * {@code with} returns a new one.
 *
 * @param <C> the commands: a sealed interface of records, or one record (whose decider may take
 *            a wider command type, such as the sealed interface it implements)
 * @param <E> the event type
 * @param <S> the state type
 */
public final class CommandRoutes<C, E, S> {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

    private final String prefix;
    private final BiFunction<Request, C, String> aggregate;
    private final Decider<? super C, E, S> decider;
    private final Map<Class<? extends C>, CommandDecoder<? extends C>> decoders;
    /** The commands served elsewhere than at {@code <prefix>.<name>}. */
    private final Map<Class<? extends C>, String> patterns;
    private final BiFunction<S, List<E>, Object> reply;

    private CommandRoutes(String prefix, BiFunction<Request, C, String> aggregate, Decider<? super C, E, S> decider,
                          Map<Class<? extends C>, CommandDecoder<? extends C>> decoders,
                          Map<Class<? extends C>, String> patterns, BiFunction<S, List<E>, Object> reply) {
        this.prefix = prefix;
        this.aggregate = aggregate;
        this.decider = decider;
        this.decoders = decoders;
        this.patterns = patterns;
        this.reply = reply;
    }

    /**
     * The routes of every command record that {@code commands} permits (nested sealed interfaces
     * included), or of {@code commands} alone when it is a record.
     *
     * @param prefix    the request subject before the command's name, e.g. {@code shows.services.*}
     * @param commands  the decider's sealed command interface, or a command record
     * @param aggregate the aggregate subject of a request, e.g. {@code req -> "shows.events." + req.token(2)};
     *                  must be a concrete subject
     * @throws IllegalArgumentException when {@code commands} is neither a record nor a sealed interface of
     *                                  records, two commands get one name, a name is not one subject
     *                                  token, or the prefix is not a valid subject pattern
     */
    public static <C, E, S> CommandRoutes<C, E, S> of(String prefix, Class<C> commands,
                                                      Function<Request, String> aggregate,
                                                      Decider<? super C, E, S> decider) {
        Objects.requireNonNull(aggregate, "aggregate");
        return of(prefix, commands, (BiFunction<Request, C, String>) (req, command) -> aggregate.apply(req), decider);
    }

    /**
     * The routes of {@link #of(String, Class, Function, Decider)}, on an aggregate chosen from the
     * request and the decoded command: for an aggregate whose id is in the body, e.g.
     * {@code (req, open) -> "accounts." + Subjects.requireToken("account", open.account())}. Check a
     * command field that goes into the subject so, with
     * {@link io.rita.eventstore.Subjects#requireToken}, whose refusal is a 400: only the whole
     * subject is checked (it must be concrete), so a field {@code "a.b"} would otherwise name a
     * subject of more tokens.
     *
     * @throws IllegalArgumentException as {@link #of(String, Class, Function, Decider)}
     */
    public static <C, E, S> CommandRoutes<C, E, S> of(String prefix, Class<C> commands,
                                                      BiFunction<Request, C, String> aggregate,
                                                      Decider<? super C, E, S> decider) {
        io.rita.eventstore.Subjects.requireFilter("a route prefix", prefix);
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(decider, "decider");
        Map<Class<? extends C>, CommandDecoder<? extends C>> decoders = new LinkedHashMap<>();
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (Class<? extends C> record : records(commands)) {
            Class<?> before = names.put(nameOf(record), record);
            if (before != null) {
                throw new IllegalArgumentException(before.getName() + " and " + record.getName() + " are both named '"
                        + nameOf(record) + "'; give one another name with @CommandType");
            }
            decoders.put(record, CommandDecoder.json(record));
        }
        return new CommandRoutes<>(prefix, aggregate, decider, decoders, Map.of(), (state, events) -> null);
    }

    /**
     * These routes with {@code command} read by {@code decoder} instead of as JSON into its record.
     *
     * @throws IllegalArgumentException when {@code command} is not one of the commands
     */
    public <K extends C> CommandRoutes<C, E, S> withDecoder(Class<K> command, CommandDecoder<? extends K> decoder) {
        requireCommand(command);
        Map<Class<? extends C>, CommandDecoder<? extends C>> changed = new LinkedHashMap<>(decoders);
        changed.put(command, Objects.requireNonNull(decoder, "decoder"));
        return new CommandRoutes<>(prefix, aggregate, decider, changed, patterns, reply);
    }

    /**
     * These routes with {@code command} served at {@code pattern} instead of at
     * {@code <prefix>.<name>}, under the same endpoint name: for a subject layout that the prefix
     * cannot give (the name before a wildcard, say {@code shows.book.*}).
     *
     * @throws IllegalArgumentException when {@code command} is not one of the commands, or the pattern
     *                                  is not a valid subject pattern
     */
    public <K extends C> CommandRoutes<C, E, S> withPattern(Class<K> command, String pattern) {
        requireCommand(command);
        io.rita.eventstore.Subjects.requireFilter("a route pattern", pattern);
        Map<Class<? extends C>, String> changed = new LinkedHashMap<>(patterns);
        changed.put(command, pattern);
        return new CommandRoutes<>(prefix, aggregate, decider, decoders, changed, reply);
    }

    private void requireCommand(Class<?> command) {
        Objects.requireNonNull(command, "command");
        if (!decoders.containsKey(command)) {
            throw new IllegalArgumentException(command.getName() + " is not one of the commands "
                    + decoders.keySet().stream().map(Class::getSimpleName).toList());
        }
    }

    /**
     * These routes replying with a body computed from the new state and the events appended
     * ({@code byte[]} as is, {@code null} empty, anything else as JSON). A re-sent command gets the
     * body computed from the current state and the events it stored.
     */
    public CommandRoutes<C, E, S> withReply(BiFunction<S, List<E>, Object> newReply) {
        return new CommandRoutes<>(prefix, aggregate, decider, decoders, patterns,
                Objects.requireNonNull(newReply, "reply"));
    }

    /** The routes, one per command, in the order the sealed interface permits them. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>(decoders.size());
        decoders.forEach((command, decoder) -> routes.add(route(command, decoder)));
        return List.copyOf(routes);
    }

    private <K extends C> CommandRoute<K, E, S> route(Class<K> command, CommandDecoder<? extends C> decoder) {
        @SuppressWarnings("unchecked") // withDecoder and of() put a decoder of K under K, and nothing else
        CommandDecoder<? extends K> forCommand = (CommandDecoder<? extends K>) decoder;
        String name = nameOf(command);
        return new CommandRoute<K, E, S>(name, patterns.getOrDefault(command, prefix + "." + name), forCommand,
                aggregate::apply, decider, reply);
    }

    /** The endpoint name of a command record: its {@link CommandType}, or its simple name in kebab-case. */
    static String nameOf(Class<?> command) {
        CommandType type = command.getAnnotation(CommandType.class);
        String name = type != null ? type.value() : kebab(command.getSimpleName());
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("command " + command.getName() + " would be served as '" + name
                    + "', which is not one subject token; name it with @CommandType (letters, digits, '_', '-')");
        }
        return name;
    }

    /** {@code ReserveSeat} -> {@code reserve-seat}, {@code HTTPCheck} -> {@code http-check}. */
    static String kebab(String simpleName) {
        return simpleName.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The records a sealed interface permits, through nested sealed interfaces. */
    private static <C> List<Class<? extends C>> records(Class<C> commands) {
        if (commands.isRecord()) {
            return List.of(commands);
        }
        if (!commands.isSealed()) {
            throw new IllegalArgumentException(commands.getName() + " is neither a record nor sealed: routes are"
                    + " derived from the records a sealed command interface permits; seal it, or use Route.command"
                    + " per command");
        }
        List<Class<? extends C>> found = new ArrayList<>();
        for (Class<?> permitted : commands.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                found.add(permitted.asSubclass(commands));
            } else if (permitted.isSealed() && permitted.isInterface()) {
                for (Class<?> nested : records(permitted)) {
                    found.add(nested.asSubclass(commands));
                }
            } else {
                throw new IllegalArgumentException(permitted.getName() + ", permitted by " + commands.getName()
                        + ", is neither a record nor a sealed interface; a command is a record");
            }
        }
        return found;
    }
}
