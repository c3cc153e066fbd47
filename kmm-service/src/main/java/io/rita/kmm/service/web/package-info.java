/**
 * The family's web page of {@code kmm serve --http.addr}: every account with its balance and
 * budget, the balance over time, the live ledger, and forms for the four commands, served by
 * the JDK's HTTP server ({@code com.sun.net.httpserver}) from plain HTML, CSS and JavaScript
 * resources.
 *
 * <pre>{@code
 * try (KmmServer server = KmmServer.start(KmmServerOptions.embedded(dataDir));
 *      WebPage page = server.openPage(HttpAddress.parse("8080"))) {
 *     System.out.println(page.url());   // http://127.0.0.1:8080/
 * }
 * }</pre>
 *
 * <p>Commands and queries go through the service's framework {@link io.rita.service.Dispatcher}
 * in process, so a deposit made on the page is validated, refused and stored exactly as one sent
 * to {@code kmm.services.<account>.deposit-funds}. The live parts follow the store with
 * JetStream ordered consumers on the service's connection. See {@code docs/kmm.md}, "A web page
 * for the family", for the HTTP API and the security notes.
 */
package io.rita.kmm.service.web;
