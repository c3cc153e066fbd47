/**
 * The client side of KMM's protocol: {@link io.rita.kmm.service.client.KmmClient} sends the
 * Go original's requests and reads its replies; {@link io.rita.kmm.service.client.LedgerFeed}
 * follows an account's ledger.
 */
package io.rita.kmm.service.client;
