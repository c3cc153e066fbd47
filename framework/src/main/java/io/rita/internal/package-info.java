/**
 * Not API: the wire packing of events into NATS messages, direct gets and subject reading.
 * Public only so that the stores of other packages and modules share one implementation;
 * anything here may change without notice.
 */
package io.rita.internal;
