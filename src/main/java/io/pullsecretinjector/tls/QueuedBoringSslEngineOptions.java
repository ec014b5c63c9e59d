package io.pullsecretinjector.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;
import java.util.Set;

/**
 * The webhook server's TLS in BoringSSL (Netty's OpenSSL engine): records, key exchange and the handshake's state
 * machine in native code, which needs no JIT warm-up. The handshake steps BoringSSL hands back as delegated tasks,
 * choosing the certificate and signing ({@link HandshakeSigner}, in Java with the served key), run on the
 * {@link HandshakeQueue} like the JDK engine's, so the queue's order, shedding and connection bound apply unchanged.
 * <p>
 * Only ECDHE suites are offered (TLS 1.3's and TLS 1.2's forward-secret ones): RSA key exchange would ask the signer to
 * decrypt, which a webhook caller never needs.
 */
final class QueuedBoringSslEngineOptions extends OpenSSLEngineOptions {

    /** The suites offered: TLS 1.3's, and TLS 1.2's with ECDHE and an AEAD. Netty enables TLS 1.3 only if listed. */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final HandshakeQueue queue;
    private final RotatingKeyManager keys;

    QueuedBoringSslEngineOptions(HandshakeQueue queue, RotatingKeyManager keys) {
        this.queue = queue;
        this.keys = keys;
    }

    @Override
    public OpenSSLEngineOptions copy() {
        return new QueuedBoringSslEngineOptions(queue, keys);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new ServerFactory(super.sslContextFactory(), queue, keys);
    }

    /** Builds server contexts itself (keyless, signing through the queue); client contexts as Vert.x would. */
    private static final class ServerFactory implements SslContextFactory {
        private final SslContextFactory vertx;
        private final HandshakeQueue queue;
        private final RotatingKeyManager keys;
        private boolean forClient;
        private boolean useAlpn;
        private List<String> applicationProtocols;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TrustManagerFactory trustManagerFactory;

        ServerFactory(SslContextFactory vertx, HandshakeQueue queue, RotatingKeyManager keys) {
            this.vertx = vertx;
            this.queue = queue;
            this.keys = keys;
        }

        @Override
        public SslContext create() throws SSLException {
            if (forClient) {
                return vertx.create();
            }
            SslContextBuilder builder = SslContextBuilder.forServer(keys.withoutKeys())
                    .sslProvider(SslProvider.OPENSSL)
                    .ciphers(CIPHERS)
                    .clientAuth(clientAuth)
                    .option(OpenSslContextOption.PRIVATE_KEY_METHOD, new HandshakeSigner(keys::keyFor));
            if (trustManagerFactory != null) {
                builder.trustManager(trustManagerFactory);
            }
            if (useAlpn && applicationProtocols != null && !applicationProtocols.isEmpty()) {
                // BoringSSL cannot send a fatal alert from the selector: a client without a common protocol gets none.
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, applicationProtocols));
            }
            // Choosing the certificate is the handshake's first step (it waits in the queue's stack, newest first, and
            // is shed there); signing is a later step, which goes before any new connection's first step: a handshake
            // already begun is the cheapest to finish, the queue's rule for the JDK engine too.
            return new QueuedHandshakeEngineOptions.QueuedHandshakeContext(builder.build(), queue);
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            this.useAlpn = useAlpn;
            vertx.useAlpn(useAlpn);
            return this;
        }

        @Override
        public SslContextFactory clientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
            vertx.clientAuth(clientAuth);
            return this;
        }

        @Override
        public SslContextFactory forClient(boolean forClient) {
            this.forClient = forClient;
            vertx.forClient(forClient);
            return this;
        }

        /** The server's certificates come from {@link RotatingKeyManager}, which is what this factory is given. */
        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
            vertx.keyMananagerFactory(kmf);
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
            this.trustManagerFactory = tmf;
            vertx.trustManagerFactory(tmf);
            return this;
        }

        /** Vert.x passes the suites configured or its defaults; the server offers {@link #CIPHERS} only. */
        @Override
        public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
            vertx.enabledCipherSuites(cipherSuites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> protocols) {
            this.applicationProtocols = protocols;
            vertx.applicationProtocols(protocols);
            return this;
        }

        @Override
        public SslContextFactory serverName(String serverName) {
            vertx.serverName(serverName);
            return this;
        }
    }
}
