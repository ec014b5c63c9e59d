package io.pullsecretinjector.admission;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /mutate}: the endpoint the API server calls, a quarkus-rest resource that stays on the I/O thread (the
 * whole request path is in-memory: caches, no API calls).
 *
 * <p>The body is read here, from the Vert.x request, not by the REST layer: the method has no body parameter, so
 * quarkus-rest installs no body reader, and the body is copied once from the network buffers into an array sized
 * from {@code Content-Length} ({@link RequestBody}). The REST layer's own path (a {@code byte[]} parameter) copies each
 * chunk, concatenates them and copies once more; measured side by side in the README ("Performance"). Any content
 * type is accepted: the API server always sends JSON, and a client that mislabels it gets a precise 400, not a 415.
 *
 * <p>No work for callers that have given up: once the body is in, a request whose connection is already closed, or
 * whose {@code ?timeout=} has passed since it arrived (a body trickling in), is not decided: 503, which the API server
 * (long gone) treats like a timeout, under the webhook's failurePolicy. Never a denial. Both are counted in
 * {@code injector_admissions_abandoned_total}. (The close is seen only if Vert.x has read it by then; with the
 * request paused by the REST layer until this method runs, it rarely has.)
 */
@Path(MutateResource.PATH)
@Singleton
public class MutateResource {

    public static final String PATH = "/mutate";


    private final AdmissionHandler handler;
    private final AdmissionMetrics metrics;
    private final long maxReadBytes;

    public MutateResource(AdmissionHandler handler, AdmissionMetrics metrics,
                          @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "16M")
                          MemorySize maxBodySize) {
        this.handler = handler;
        this.metrics = metrics;
        this.maxReadBytes = maxBodySize.asLongValue();
    }

    @POST
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<RestResponse<byte[]>> mutate(HttpServerRequest request, @RestQuery String timeout) {
        CallerDeadline deadline = CallerDeadline.of(timeout, System.nanoTime());
        long declared = contentLength(request);
        if (declared > maxReadBytes) {
            return CompletableFuture.completedFuture(tooLarge());
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue();
        }
        CompletableFuture<RestResponse<byte[]>> answer = new CompletableFuture<>();
        RequestBody body = new RequestBody(declared, maxReadBytes);
        request.handler(chunk -> {
            if (!body.append(chunk)) {
                request.handler(null);
                answer.complete(tooLarge());
            }
        });
        request.endHandler(ignored -> {
            if (!answer.isDone()) {
                answer.complete(answer(request, body, deadline));
            }
        });
        request.resume();
        return answer;
    }

    private RestResponse<byte[]> answer(HttpServerRequest request, RequestBody body, CallerDeadline deadline) {
        if (request.response().closed()) {
            metrics.abandoned(AdmissionMetrics.Abandoned.CLOSED);
            return abandoned();
        }
        if (deadline.passed(System.nanoTime())) {
            metrics.abandoned(AdmissionMetrics.Abandoned.DEADLINE);
            return abandoned();
        }
        AdmissionHandler.Answer answer = handler.handle(body.bytes(), body.offset(), body.length());
        return RestResponse.status(RestResponse.Status.fromStatusCode(answer.status()), answer.body());
    }

    // New responses each time: the REST layer may add headers to the response object it writes.
    private static RestResponse<byte[]> tooLarge() {
        return RestResponse.ResponseBuilder.<byte[]>create(413).header(HttpHeaders.CONNECTION.toString(), "close")
                .build();
    }

    private static RestResponse<byte[]> abandoned() {
        return RestResponse.status(RestResponse.Status.SERVICE_UNAVAILABLE);
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
}
