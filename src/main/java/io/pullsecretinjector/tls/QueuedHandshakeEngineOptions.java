package io.pullsecretinjector.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The JDK TLS engine as Vert.x configures it, except that a server connection's handshake steps run on the
 * {@link HandshakeQueue} instead of the event loop (or Vert.x's internal pool, which is first come, first served).
 * <p>
 * Vert.x has no setting for the executor of Netty's delegated TLS tasks, but it builds every server
 * {@code SslHandler} through the {@code SslContext} this engine's factory creates; the context below hands Netty the
 * queue's executor there. Client contexts (the warm-up's, the Kubernetes client's) are left as they are.
 */
final class QueuedHandshakeEngineOptions extends JdkSSLEngineOptions {

    private final HandshakeQueue queue;

    QueuedHandshakeEngineOptions(JdkSSLEngineOptions base, HandshakeQueue queue) {
        super(base);
        this.queue = queue;
    }

    @Override
    public JdkSSLEngineOptions copy() {
        return new QueuedHandshakeEngineOptions(this, queue);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new Factory(super.sslContextFactory(), queue);
    }

    private static final class Factory implements SslContextFactory {
        private final SslContextFactory jdk;
        private final HandshakeQueue queue;

        Factory(SslContextFactory jdk, HandshakeQueue queue) {
            this.jdk = jdk;
            this.queue = queue;
        }

        @Override
        public SslContext create() throws SSLException {
            SslContext context = jdk.create();
            return context.isClient() ? context : new QueuedHandshakeContext(context, queue);
        }

        @Override
        public SslContextFactory useAlpn(boolean useAlpn) {
            jdk.useAlpn(useAlpn);
            return this;
        }

        @Override
        public SslContextFactory clientAuth(ClientAuth clientAuth) {
            jdk.clientAuth(clientAuth);
            return this;
        }

        @Override
        public SslContextFactory forClient(boolean forClient) {
            jdk.forClient(forClient);
            return this;
        }

        @Override
        public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
            jdk.keyMananagerFactory(kmf);
            return this;
        }

        @Override
        public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
            jdk.trustManagerFactory(tmf);
            return this;
        }

        @Override
        public SslContextFactory enabledCipherSuites(Set<String> cipherSuites) {
            jdk.enabledCipherSuites(cipherSuites);
            return this;
        }

        @Override
        public SslContextFactory applicationProtocols(List<String> protocols) {
            jdk.applicationProtocols(protocols);
            return this;
        }

        @Override
        public SslContextFactory serverName(String serverName) {
            jdk.serverName(serverName);
            return this;
        }
    }

    /**
     * A server context (the JDK's, or BoringSSL's from {@link QueuedBoringSslEngineOptions}) whose handlers run their
     * delegated tasks on the queue, whatever executor Vert.x passes.
     */
    static final class QueuedHandshakeContext extends DelegatingSslContext {
        private final HandshakeQueue queue;

        QueuedHandshakeContext(SslContext jdk, HandshakeQueue queue) {
            super(jdk);
            this.queue = queue;
        }

        @Override
        protected void initEngine(SSLEngine engine) {
            // nothing to add: the engine is the wrapped context's
        }

        @Override
        protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor ignored) {
            return new QueuedSslHandler(newEngine(alloc), startTls, queue.connect());
        }

        @Override
        protected SslHandler newHandler(ByteBufAllocator alloc, String host, int port, boolean startTls,
                                        Executor ignored) {
            return new QueuedSslHandler(newEngine(alloc, host, port), startTls, queue.connect());
        }
    }

    /**
     * Netty's handler, telling the queue when its connection closes and closing it when the queue sheds it; it also
     * gives its channel pooled heap buffers ({@link PooledHeapAllocator}) for the records it encrypts.
     */
    private static final class QueuedSslHandler extends SslHandler {
        private final HandshakeQueue.Connection connection;

        QueuedSslHandler(SSLEngine engine, boolean startTls, HandshakeQueue.Connection connection) {
            super(engine, startTls, connection);
            this.connection = connection;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
            connection.onShed(ctx::close);
            ctx.channel().closeFuture().addListener(closed -> connection.closed());
            ctx.channel().config().setAllocator(PooledHeapAllocator.around(ctx.channel().config().getAllocator()));
            super.handlerAdded(ctx);
        }
    }
}
