package io.pullsecretinjector.admission;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /mutate}: the endpoint the API server calls. Runs on the I/O thread because the whole request path is
 * in-memory (caches, no API calls), which saves a thread hop per request. Accepts any content type: the API server
 * always sends JSON, and a client that mislabels it still gets a precise 400 instead of a 415.
 */
@Path("/mutate")
public class MutateResource {

    private final AdmissionHandler handler;

    public MutateResource(AdmissionHandler handler) {
        this.handler = handler;
    }

    @POST
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<byte[]> mutate(byte[] body) {
        AdmissionHandler.Answer answer = handler.handle(body);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(answer.status()), answer.body())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
