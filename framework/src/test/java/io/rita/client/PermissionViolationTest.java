package io.rita.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading nats-server's permission errors, as jnats passes them on. */
class PermissionViolationTest {

    @Test
    void reads_a_refused_publish() {
        assertThat(PermissionViolation.parse("Permissions Violation for Publish to \"kmm.services.susie.deposit-funds\""))
                .contains(new PermissionViolation(true, "kmm.services.susie.deposit-funds"));
    }

    @Test
    void reads_a_refused_subscription_with_a_queue() {
        assertThat(PermissionViolation.parse("Permissions Violation for Subscription to \"kmm.streams.X\" using queue \"q\""))
                .contains(new PermissionViolation(false, "kmm.streams.X"));
    }

    @Test
    void ignores_other_errors() {
        assertThat(PermissionViolation.parse("Authorization Violation")).isEmpty();
        assertThat(PermissionViolation.parse(null)).isEmpty();
    }

    @Test
    void a_violation_on_the_reply_inbox_concerns_every_request_waiting_on_it() {
        PermissionViolation inbox = new PermissionViolation(false, "_INBOX.abc.*");

        assertThat(inbox.concerns("_INBOX.>")).isTrue();
        assertThat(inbox.concerns("kmm.services.susie.balance")).isFalse();
    }

    @Test
    void a_violation_on_one_subject_concerns_that_subject_only() {
        PermissionViolation deposit = new PermissionViolation(true, "kmm.services.susie.deposit-funds");

        assertThat(deposit.concerns("kmm.services.susie.deposit-funds")).isTrue();
        assertThat(deposit.concerns("kmm.services.susie.withdraw-funds")).isFalse();
        assertThat(deposit.concerns("kmm.services.>")).isTrue();
        assertThat(deposit.concerns("kmm.streams.>")).isFalse();
    }
}
