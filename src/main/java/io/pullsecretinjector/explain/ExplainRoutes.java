package io.pullsecretinjector.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pullsecretinjector.admission.AdmissionHandler;
import io.pullsecretinjector.config.InjectorConfig;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The explain endpoints on the management port (plain HTTP, next to health and metrics), when
 * {@code injector.explain.enabled} (default true):
 * <ul>
 *   <li>{@code GET <root>/injector/rules}: the effective rule table;</li>
 *   <li>{@code GET <root>/injector/explain?image=<ref>&namespace=<ns>}: what happens to one image in a namespace;</li>
 *   <li>{@code POST <root>/injector/explain[?namespace=<ns>]} with a Pod or an AdmissionReview, JSON or YAML: what
 *       {@code /mutate} answers, and the Pod after the patch.</li>
 * </ul>
 * They show registry patterns, secret names and namespace labels, never secret data. Bad input is a 400 with a
 * message. Nothing here calls the API server.
 */
@ApplicationScoped
public class ExplainRoutes {

    public static final String RULES = "/injector/rules";
    public static final String EXPLAIN = "/injector/explain";
    private static final Logger LOG = Logger.getLogger(ExplainRoutes.class);
    private static final String JSON = "application/json";

    private final boolean enabled;
    private final String rootPath;
    private final Explainer explainer;
    private final PodExplainer pods;
    private final ObjectMapper json;

    public ExplainRoutes(InjectorConfig config,
                         @ConfigProperty(name = "quarkus.management.root-path", defaultValue = "/q") String rootPath,
                         Explainer explainer, PodExplainer pods, ObjectMapper json) {
        this.enabled = config.explain().enabled();
        this.rootPath = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
        this.explainer = explainer;
        this.pods = pods;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    void register(@Observes ManagementInterface management) {
        if (!enabled) {
            return;
        }
        management.router().get(rootPath + RULES).handler(ctx -> send(ctx, 200, explainer.rules()));
        management.router().get(rootPath + EXPLAIN).handler(this::explainImage);
        management.router().post(rootPath + EXPLAIN)
                .handler(BodyHandler.create().setBodyLimit(AdmissionHandler.MAX_BODY_BYTES).setMergeFormAttributes(false)
                        .setHandleFileUploads(false))
                // Parsing YAML of a large Pod takes a while: off the event loop that also answers the probes.
                .blockingHandler(this::explainPod, false);
    }

    private void explainImage(RoutingContext ctx) {
        String image = ctx.request().getParam("image");
        if (image == null || image.isEmpty()) {
            sendError(ctx, "query parameter image is required, e.g. ?image=registry.example.com/team/app:1"
                    + "&namespace=team-a");
            return;
        }
        send(ctx, 200, explainer.image(image, ctx.request().getParam("namespace")));
    }

    private void explainPod(RoutingContext ctx) {
        try {
            byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0]
                    : ctx.body().buffer().getBytes();
            send(ctx, 200, pods.explain(body, ctx.request().getParam("namespace")));
        } catch (ExplainRequestException e) {
            sendError(ctx, e.getMessage());
        }
    }

    private void sendError(RoutingContext ctx, String message) {
        send(ctx, 400, Map.of("status", 400, "message", message));
    }

    private void send(RoutingContext ctx, int status, Object answer) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            LOG.warnf("Explain answer could not be written: %s", e.getMessage());
            ctx.response().setStatusCode(500).end();
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
