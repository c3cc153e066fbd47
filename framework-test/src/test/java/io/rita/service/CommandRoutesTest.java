package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.CommandType;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandRoutesTest {

    sealed interface Command permits OpenTab, CloseTab, Adjust {
    }

    record OpenTab(String table) implements Command {
    }

    @CommandType("settle")
    record CloseTab() implements Command {
    }

    sealed interface Adjust extends Command permits AddItem, HTTPRefund {
    }

    record AddItem(String item) implements Adjust {
    }

    record HTTPRefund(int cents) implements Adjust {
    }

    record Noted(String what) {
    }

    static final Decider<Command, Noted, Integer> TABS = Decider.of(0,
            (state, command) -> List.of(new Noted(command.getClass().getSimpleName())), (state, event) -> state + 1);

    /** A refund read from a plain-text body ("250"), not JSON. */
    static final CommandDecoder<HTTPRefund> REFUND_AS_TEXT = (body, json) ->
            new HTTPRefund(Integer.parseInt(new String(body, StandardCharsets.UTF_8)));

    /** The in-memory store the routes append to, knowing the one event type. */
    private static InMemoryEventStore tabs() {
        return new InMemoryEventStore("tabs", RitaOptions.defaults()
                .withTypes(TypeRegistry.builder().add("noted", Noted.class).build()));
    }

    @Test
    void derives_one_route_per_record_named_in_kebab_case_unless_annotated() {
        List<Route> routes = CommandRoutes.of("tabs.*", Command.class, req -> "tabs." + req.token(1), TABS).routes();

        assertThat(routes).extracting(Route::name).containsExactly("open-tab", "settle", "add-item", "http-refund");
        assertThat(routes).extracting(Route::pattern)
                .containsExactly("tabs.*.open-tab", "tabs.*.settle", "tabs.*.add-item", "tabs.*.http-refund");
    }

    @Test
    void the_derived_routes_decode_json_into_each_record_and_decide_on_the_one_aggregate() {
        InMemoryEventStore store = tabs();
        Dispatcher dispatcher = Dispatcher.of(store, CommandRoutes.of("svc.*", Command.class,
                req -> "tabs." + req.token(1), TABS).withReply((state, events) -> state).routes());

        Reply opened = dispatcher.dispatch(Request.of("svc.t7.open-tab", "{\"table\":\"7\"}".getBytes(StandardCharsets.UTF_8)));
        Reply added = dispatcher.dispatch(Request.of("svc.t7.add-item", "{\"item\":\"tea\"}".getBytes(StandardCharsets.UTF_8)));
        Reply missing = dispatcher.dispatch(Request.of("svc.t7.add-item", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(opened.text()).isEqualTo("1");
        assertThat(added.text()).isEqualTo("2");
        assertThat(missing.text()).isEqualTo("bad request body: field 'item' is missing or null");
        assertThat(store.load("tabs.t7").events()).extracting(StoredEvent::data)
                .containsExactly(new Noted("OpenTab"), new Noted("AddItem"));
    }

    @Test
    void one_command_can_be_read_its_own_way() {
        InMemoryEventStore store = tabs();
        Dispatcher dispatcher = Dispatcher.of(store, CommandRoutes.of("svc.*", Command.class,
                        req -> "tabs." + req.token(1), TABS)
                .withDecoder(HTTPRefund.class, REFUND_AS_TEXT)
                .routes());

        assertThat(dispatcher.dispatch(Request.of("svc.t7.http-refund", "250".getBytes(StandardCharsets.UTF_8)))
                .isSuccess()).isTrue();
        assertThat(dispatcher.dispatch(Request.of("svc.t7.http-refund", "x".getBytes(StandardCharsets.UTF_8))).text())
                .isEqualTo("bad request body: For input string: \"x\"");
    }

    @Test
    void refuses_what_cannot_become_routes_with_what_to_do() {
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Object.class, req -> "tabs.x", Decider.of(0,
                (s, c) -> List.of(), (s, e) -> s))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is neither a record nor sealed");
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Command.class, req -> "tabs.x", TABS)
                .withDecoder(Adjust.class, (body, json) -> new AddItem("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one of the commands");
        assertThatThrownBy(() -> CommandRoutes.of("tabs..*", Command.class, req -> "tabs.x", TABS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Clashing.class, req -> "tabs.x", CLASHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("are both named 'same'");
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Badly.class, req -> "tabs.x", BADLY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one subject token");
    }

    /** A sealed interface may permit what is not a command: a non-sealed interface, or a sealed class. */
    sealed interface Loose permits Fine, Open {
    }

    record Fine() implements Loose {
    }

    non-sealed interface Open extends Loose {
    }

    sealed interface Classy permits Base {
    }

    abstract static sealed class Base implements Classy permits Leaf {
    }

    static final class Leaf extends Base {
    }

    @Test
    void refuses_a_permitted_type_that_is_neither_a_record_nor_a_sealed_interface_naming_both() {
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Loose.class, req -> "tabs.x", Decider.of(0,
                (s, c) -> List.of(), (s, e) -> s))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Open.class.getName() + ", permitted by " + Loose.class.getName() + ", is neither a record"
                        + " nor a sealed interface; a command is a record");
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Classy.class, req -> "tabs.x", Decider.of(0,
                (s, c) -> List.of(), (s, e) -> s))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Base.class.getName() + ", permitted by " + Classy.class.getName() + ", is neither a record"
                        + " nor a sealed interface; a command is a record");
    }

    @Test
    void each_refusal_names_the_classes_it_is_about() {
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Object.class, req -> "tabs.x", Decider.of(0,
                (s, c) -> List.of(), (s, e) -> s))).hasMessage("java.lang.Object is neither a record nor sealed:"
                + " routes are derived from the records a sealed command interface permits; seal it, or use"
                + " Route.command per command");
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Command.class, req -> "tabs.x", TABS)
                .withDecoder(Adjust.class, (body, json) -> new AddItem("x")))
                .hasMessage(Adjust.class.getName() + " is not one of the commands [OpenTab, CloseTab, AddItem,"
                        + " HTTPRefund]");
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Clashing.class, req -> "tabs.x", CLASHING))
                .hasMessage(Same.class.getName() + " and " + Other.class.getName() + " are both named 'same'; give"
                        + " one another name with @CommandType");
        assertThatThrownBy(() -> CommandRoutes.of("tabs.*", Badly.class, req -> "tabs.x", BADLY))
                .hasMessage("command " + Dotted.class.getName() + " would be served as 'a.b', which is not one"
                        + " subject token; name it with @CommandType (letters, digits, '_', '-')");
    }

    record OpenAccount(String account) {
    }

    static final Decider<OpenAccount, Noted, Integer> ACCOUNTS = Decider.of(0,
            (state, command) -> List.of(new Noted("opened " + command.account())), (state, event) -> state + 1);

    @Test
    void a_record_alone_is_one_route_named_after_it() {
        List<Route> routes = CommandRoutes.of("bank.*", OpenAccount.class, req -> "accounts." + req.token(1), ACCOUNTS)
                .routes();

        assertThat(routes).extracting(Route::name).containsExactly("open-account");
        assertThat(routes).extracting(Route::pattern).containsExactly("bank.*.open-account");
    }

    @Test
    void the_aggregate_can_come_from_the_decoded_command_and_its_token_is_checked() {
        InMemoryEventStore store = new InMemoryEventStore("accounts", RitaOptions.defaults()
                .withTypes(TypeRegistry.builder().add("noted", Noted.class).build()));
        Dispatcher dispatcher = Dispatcher.of(store, CommandRoutes.of("bank", OpenAccount.class,
                        (req, open) -> "accounts." + io.rita.eventstore.Subjects.requireToken("account", open.account()),
                        ACCOUNTS)
                .withReply((state, events) -> state).routes());

        Reply opened = dispatcher.dispatch(Request.of("bank.open-account", "{\"account\":\"ada\"}".getBytes(StandardCharsets.UTF_8)));
        Reply wild = dispatcher.dispatch(Request.of("bank.open-account", "{\"account\":\"a.*\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(opened.text()).isEqualTo("1");
        assertThat(store.load("accounts.ada").events()).extracting(StoredEvent::data)
                .containsExactly(new Noted("opened ada"));
        assertThat(wild.isSuccess()).isFalse();
        assertThat(((Reply.Failure) wild).code()).isEqualTo(400);
        assertThat(wild.text()).contains("account").contains("a.*");
    }

    @Test
    void one_record_of_a_sealed_decider_is_one_route_with_its_own_decoder_and_reply() {
        InMemoryEventStore store = tabs();
        // TABS decides on every Command: one of them, served alone, keeps its decoder and its reply
        Dispatcher dispatcher = Dispatcher.of(store, CommandRoutes.of("svc.*", HTTPRefund.class,
                        (req, refund) -> "tabs." + req.token(1), TABS)
                .withDecoder(HTTPRefund.class, REFUND_AS_TEXT)
                .withReply((state, events) -> state)
                .routes());

        Reply refunded = dispatcher.dispatch(Request.of("svc.t7.http-refund", "250".getBytes(StandardCharsets.UTF_8)));

        assertThat(dispatcher.routes()).extracting(Route::pattern).containsExactly("svc.*.http-refund");
        assertThat(refunded.text()).isEqualTo("1");
        assertThat(store.load("tabs.t7").events()).extracting(StoredEvent::data)
                .containsExactly(new Noted("HTTPRefund"));
    }

    @Test
    void a_command_can_be_served_at_a_pattern_of_its_own_and_keeps_its_name_decoder_and_reply() {
        InMemoryEventStore store = tabs();
        Dispatcher dispatcher = Dispatcher.of(store, CommandRoutes.of("svc.*", Command.class,
                        req -> "tabs." + req.token(1), TABS)
                .withDecoder(HTTPRefund.class, REFUND_AS_TEXT)
                .withPattern(HTTPRefund.class, "svc.*.refund.now")
                .withReply((state, events) -> state)
                .routes());

        Reply refunded = dispatcher.dispatch(Request.of("svc.t7.refund.now", "250".getBytes(StandardCharsets.UTF_8)));

        assertThat(dispatcher.routes()).extracting(Route::pattern)
                .containsExactly("svc.*.open-tab", "svc.*.settle", "svc.*.add-item", "svc.*.refund.now");
        assertThat(dispatcher.routes()).extracting(Route::name).contains("http-refund");
        assertThat(refunded.text()).isEqualTo("1");
        assertThat(store.load("tabs.t7").events()).extracting(StoredEvent::data)
                .containsExactly(new Noted("HTTPRefund"));
        assertThatThrownBy(() -> CommandRoutes.of("svc.*", Command.class, req -> "tabs.x", TABS)
                .withPattern(Adjust.class, "svc.adjust.*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one of the commands");
        assertThatThrownBy(() -> CommandRoutes.of("svc.*", Command.class, req -> "tabs.x", TABS)
                .withPattern(AddItem.class, "svc..add")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a route pattern");
    }

    @Test
    void kebab_case_splits_words_and_acronyms() {
        assertThat(CommandRoutes.kebab("ReserveSeat")).isEqualTo("reserve-seat");
        assertThat(CommandRoutes.kebab("HTTPRefund")).isEqualTo("http-refund");
        assertThat(CommandRoutes.kebab("Pay2Friends")).isEqualTo("pay2-friends");
        assertThat(CommandRoutes.kebab("X")).isEqualTo("x");
    }

    sealed interface Clashing permits Same, Other {
    }

    record Same() implements Clashing {
    }

    @CommandType("same")
    record Other() implements Clashing {
    }

    static final Decider<Clashing, Noted, Integer> CLASHING = Decider.of(0, (s, c) -> List.of(), (s, e) -> s);

    sealed interface Badly permits Dotted {
    }

    @CommandType("a.b")
    record Dotted() implements Badly {
    }

    static final Decider<Badly, Noted, Integer> BADLY = Decider.of(0, (s, c) -> List.of(), (s, e) -> s);
}
