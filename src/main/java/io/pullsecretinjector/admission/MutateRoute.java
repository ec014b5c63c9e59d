package io.pullsecretinjector.admission;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;

/**
 * {@code POST /mutate}: the endpoint the API server calls, a plain Vert.x route on the HTTP server's router.
 *
 * <p>Runs on the I/O thread (the whole request path is in-memory: caches, no API calls), and copies the body once,
 * from the network buffers straight into an array sized from {@code Content-Length}. A JAX-RS resource taking a
 * {@code byte[]} did the same work with three more copies of the body and the REST layer's per-request context;
 * measured figures in src/bench/README-performance.md. Accepts any content type: the API server always sends JSON, and
 * a client that mislabels it still gets a precise 400 instead of a 415.
 */
@ApplicationScoped
public class MutateRoute {

    public static final String PATH = "/mutate";
    private static final String JSON = "application/json";

    private final AdmissionHandler handler;
    private final long maxReadBytes;

    public MutateRoute(AdmissionHandler handler,
                       @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "16M")
                       MemorySize maxBodySize) {
        this.handler = handler;
        this.maxReadBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(this::mutate);
    }

    void mutate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long declared = contentLength(request);
        if (declared > maxReadBytes) {
            tooLarge(ctx.response());
            return;
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            ctx.response().writeContinue();
        }
        Body body = new Body(declared);
        request.handler(chunk -> {
            if (!body.append(chunk, maxReadBytes)) {
                request.handler(null);
                tooLarge(ctx.response());
            }
        });
        request.endHandler(ignored -> {
            if (ctx.response().ended()) {
                return;
            }
            AdmissionHandler.Answer answer = handler.handle(body.bytes, body.length);
            ctx.response().setStatusCode(answer.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(Buffer.buffer(answer.body()));
        });
        request.resume();
    }

    private static void tooLarge(HttpServerResponse response) {
        if (!response.ended()) {
            response.setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
        }
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The request body, kept up to {@link AdmissionHandler#MAX_BODY_BYTES} (beyond it only counted: the handler
     * answers 400 from the length alone).
     */
    private static final class Body {
        private static final byte[] NONE = new byte[0];
        private static final int KEEP = AdmissionHandler.MAX_BODY_BYTES + 1;

        byte[] bytes;
        long length;
        private boolean discard;

        Body(long declared) {
            discard = declared > AdmissionHandler.MAX_BODY_BYTES;
            bytes = declared <= 0 || discard ? NONE : new byte[(int) declared];
        }

        /** Appends a chunk; false once the body exceeds {@code max} bytes in total. */
        boolean append(Buffer chunk, long max) {
            int n = chunk.length();
            long end = length + n;
            if (end > max) {
                return false;
            }
            discard |= end > AdmissionHandler.MAX_BODY_BYTES;
            if (!discard) {
                if (end > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(end, 2L * bytes.length), KEEP));
                }
                chunk.getBytes(0, n, bytes, (int) length);
            }
            length = end;
            return true;
        }
    }
}
