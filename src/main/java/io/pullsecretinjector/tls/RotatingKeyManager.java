package io.pullsecretinjector.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The key manager the HTTPS server is built with, once. Each handshake asks it for the certificate, so installing a new
 * {@link ServingCredential} changes what new connections get without rebuilding the server's SSL context.
 * <p>
 * Why not let Quarkus reload the files: its periodic reload replaces the Vert.x server's SSL context on every tick, and
 * for the moment that takes, Vert.x 4.5 fails connections being accepted (a {@code NullPointerException} in
 * {@code TCPServerBase}; measured by src/bench/rotation-under-load.sh). Swapping the key manager's delegate is one
 * volatile write and no connection ever sees a half-built context.
 * <p>
 * The TLS engine chooses an alias and then asks for that alias's chain and key in separate calls. Aliases therefore
 * carry the generation they were chosen from, and the previous generation is kept, so a handshake that straddles a
 * swap still gets a chain and a key that belong together.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    private static final char SEPARATOR = '/';

    private record Installed(ServingCredential current, ServingCredential previous) {

        /** The current or else the previous credential that {@code matches}, or {@code null}. */
        ServingCredential find(Predicate<ServingCredential> matches) {
            if (matches.test(current)) {
                return current;
            }
            return previous != null && matches.test(previous) ? previous : null;
        }
    }

    /** What is served; shared with the keyless view ({@link #withoutKeys()}), so both rotate together. */
    private static final class Served {
        private volatile Installed installed;
    }

    private final Served served;
    private final boolean withKeys;

    RotatingKeyManager(ServingCredential first) {
        this(new Served(), true);
        served.installed = new Installed(first, null);
    }

    private RotatingKeyManager(Served served, boolean withKeys) {
        this.served = served;
        this.withKeys = withKeys;
    }

    void install(ServingCredential next) {
        served.installed = new Installed(next, served.installed.current());
    }

    ServingCredential current() {
        return served.installed.current();
    }

    /**
     * The private key of a leaf certificate this manager served, or {@code null} once it is neither the current nor
     * the previous one. For {@link HandshakeSigner}: BoringSSL knows which certificate it sends, not which alias.
     */
    PrivateKey keyFor(X509Certificate leaf) {
        ServingCredential credential = served.installed.find(candidate -> candidate.leaf().equals(leaf));
        return credential == null ? null : credential.privateKey();
    }

    /**
     * This manager without its keys (the same certificates, rotating with it): what BoringSSL is given, so that it asks
     * {@link HandshakeSigner} to sign (on the handshake threads) instead of signing itself on the event loop.
     */
    RotatingKeyManager withoutKeys() {
        return new RotatingKeyManager(served, false);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        ServingCredential credential = served.installed.current();
        return qualify(credential, credential.keyManager().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        ServingCredential credential = served.installed.current();
        return qualify(credential, credential.keyManager().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        ServingCredential credential = served.installed.current();
        String[] aliases = credential.keyManager().getServerAliases(keyType, issuers);
        return aliases == null ? null
                : Arrays.stream(aliases).map(alias -> qualify(credential, alias)).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServingCredential credential = owner(alias);
        return credential == null ? null : credential.keyManager().getCertificateChain(unqualified(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        if (!withKeys) {
            return null;
        }
        ServingCredential credential = owner(alias);
        return credential == null ? null : credential.keyManager().getPrivateKey(unqualified(alias));
    }

    // The webhook never authenticates itself as a client.

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    private static String qualify(ServingCredential credential, String alias) {
        return alias == null ? null : credential.generation() + String.valueOf(SEPARATOR) + alias;
    }

    private static String unqualified(String alias) {
        return alias.substring(alias.indexOf(SEPARATOR) + 1);
    }

    private ServingCredential owner(String alias) {
        if (alias == null) {
            return null;
        }
        int separator = alias.indexOf(SEPARATOR);
        if (separator <= 0) {
            return null;
        }
        long generation;
        try {
            generation = Long.parseLong(alias, 0, separator, 10);
        } catch (NumberFormatException notOurs) {
            return null;
        }
        return served.installed.find(candidate -> candidate.generation() == generation);
    }
}
