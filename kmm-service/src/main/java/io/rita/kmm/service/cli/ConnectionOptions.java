package io.rita.kmm.service.cli;

import io.rita.kmm.service.client.NatsUrl;
import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsContext;
import io.rita.kmm.service.connect.NatsCredentials;
import io.rita.kmm.service.connect.NatsServers;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * How every {@code kmm} command, {@code serve} included, finds and authenticates to NATS, like
 * the {@code nats} CLI: {@code --nats.url}, {@code --nats.creds}, {@code --nats.context}.
 * Each setting comes from the first of: its flag, its environment variable ({@code NATS_URL},
 * {@code NATS_CREDS}, {@code NATS_CONTEXT}), the context, the default. Credentials from a flag
 * or variable replace the context's (user, token, NKey, creds) as a whole; the context still
 * gives the URL and TLS files. The CLI's selected context ({@code context.txt}) is not used: a
 * context applies only when named, so that {@code kmm} keeps talking to the local
 * {@code kmm serve --nats.embed} unless told otherwise.
 */
final class ConnectionOptions {

    static final String URL = "NATS_URL";
    static final String CREDS = "NATS_CREDS";
    static final String CONTEXT = "NATS_CONTEXT";

    @Option(names = "--nats.url", paramLabel = "URL",
            description = "NATS server address(es), with or without nats:// or tls:// (env NATS_URL; default: the "
                    + "context's url, else " + NatsUrl.DEFAULT + ", where `kmm serve --nats.embed` listens)")
    String url;

    @Option(names = "--nats.creds", paramLabel = "FILE",
            description = "NATS credentials file (user JWT and seed, from nsc or `nats auth`) (env NATS_CREDS)")
    String creds;

    @Option(names = "--nats.context", paramLabel = "NAME",
            description = "a `nats context` by name or .json file: url, credentials, TLS files (env NATS_CONTEXT;"
                    + " the nats CLI's selected context is not used)")
    String context;

    /** Whether a credentials file or a context was asked for, by flag (not by environment). */
    boolean namesCredentials() {
        return creds != null || context != null;
    }

    /** The settings, from flags, the process environment and the context. */
    NatsAccess access() {
        return resolve(url, creds, context, System.getenv());
    }

    /**
     * The settings from flags ({@code null} when not given), an environment and the context.
     *
     * @throws IllegalArgumentException when a flag is given with an empty value
     * @throws io.rita.kmm.service.connect.NatsAccessException when the context cannot be used
     */
    static NatsAccess resolve(String urlFlag, String credsFlag, String contextFlag, Map<String, String> environment) {
        String contextName = pick("--nats.context", contextFlag, environment.get(CONTEXT));
        String credsFile = pick("--nats.creds", credsFlag, environment.get(CREDS));
        String urls = pick("--nats.url", urlFlag, environment.get(URL));
        NatsAccess access = contextName == null ? NatsAccess.of(NatsServers.parse(NatsUrl.DEFAULT))
                : NatsAccess.from(NatsContext.load(contextName, environment), NatsUrl.DEFAULT);
        if (urls != null) {
            access = access.withServers(NatsUrl.parse(urls).servers());
        }
        if (credsFile != null) {
            access = access.withCredentials(new NatsCredentials.CredsFile(Path.of(credsFile)),
                    credsFlag != null ? "--nats.creds" : CREDS);
        }
        return access;
    }

    /** The flag's value, else the variable's; an empty flag is a mistake, an empty variable is unset. */
    private static String pick(String flag, String flagValue, String variable) {
        if (flagValue != null) {
            if (flagValue.isBlank()) {
                throw new IllegalArgumentException(flag + " needs a value, was empty");
            }
            return flagValue.strip();
        }
        return variable == null || variable.isBlank() ? null : variable.strip();
    }
}
