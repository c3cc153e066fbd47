/**
 * Calling Rita services from Java: {@link io.rita.client.ServiceClient} sends commands and gets a
 * {@link io.rita.client.CommandResult}, asks queries decoded into records, and follows live
 * streams ({@link io.rita.client.LiveStream}); what is not a result is a
 * {@link io.rita.client.ServiceCallException}. See {@code docs/programming-model.md}, "Calling a
 * service from Java".
 */
package io.rita.client;
