package io.pullsecretinjector.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes core v1 Events (verb {@code create}) on the objects a problem is about: secrets (sync), and the owners of
 * admitted Pods ({@link OwnerEventQueue}), so {@code kubectl describe} shows them. Messages name secrets, images,
 * namespaces and registry keys only; the managed certificates' Events name the Secret they replaced. Blocking: never called on the request path.
 */
public final class EventRecorder {

    static final String COMPONENT = "pull-secret-injector";
    static final String WARNING = "Warning";
    static final String NORMAL = "Normal";
    /** The API server's limit on an Event message. */
    private static final int MAX_MESSAGE = 1024;
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String instance;

    public EventRecorder(KubernetesClient client, String instance) {
        this.client = client;
        this.instance = instance;
    }

    /** Best effort: an Event that cannot be written is logged at debug level; the log line was written already. */
    public void warn(String namespace, String name, String uid, String reason, String message) {
        try {
            record(EventTarget.secret(namespace, name, uid), WARNING, reason, message);
        } catch (RuntimeException e) {
            LOG.debugf("Could not write Event %s on secret %s/%s: %s", reason, namespace, name, e.getMessage());
        }
    }

    /** A best-effort Warning Event on any namespaced object (the Event lives in the object's namespace). */
    public void warn(ObjectReference involved, String reason, String message) {
        try {
            record(new EventTarget(involved.getApiVersion(), involved.getKind(), involved.getNamespace(),
                    involved.getName(), involved.getUid()), WARNING, reason, message);
        } catch (RuntimeException e) {
            LOG.debugf("Could not write Event %s on %s %s/%s: %s", reason, involved.getKind(), involved.getNamespace(),
                    involved.getName(), e.getMessage());
        }
    }

    /**
     * Creates one Event.
     *
     * @param type {@code Warning} or {@code Normal}
     * @throws RuntimeException (fabric8's {@code KubernetesClientException}) when the API server does not take it
     */
    public void record(EventTarget target, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withNamespace(target.namespace())
                    // The name scheme of client-go's recorder: <object>.<unique suffix>.
                    .withName(target.name() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(target.apiVersion()).withKind(target.kind()).withNamespace(target.namespace())
                    .withName(target.name()).withUid(target.uid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(instance)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        client.v1().events().inNamespace(target.namespace()).resource(event).create();
    }
}
