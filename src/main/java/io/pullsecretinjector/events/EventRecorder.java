package io.pullsecretinjector.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes Warning Events (core v1, verb {@code create}) on secrets (or any namespaced object), so
 * {@code kubectl describe secret} shows why pull-secret-injector ignores, refuses or replaces something. Messages name secrets, namespaces and registry keys only.
 */
public final class EventRecorder {

    static final String COMPONENT = "pull-secret-injector";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String instance;

    public EventRecorder(KubernetesClient client, String instance) {
        this.client = client;
        this.instance = instance;
    }

    /** Best effort: an Event that cannot be written is logged at debug level; the log line was written already. */
    public void warn(String namespace, String name, String uid, String reason, String message) {
        warn(new ObjectReferenceBuilder().withApiVersion("v1").withKind("Secret").withNamespace(namespace)
                .withName(name).withUid(uid).build(), reason, message);
    }

    /**
     * A Warning Event on any namespaced object (the Event lives in the object's namespace).
     * Best effort, like {@link #warn(String, String, String, String, String)}.
     */
    public void warn(ObjectReference involved, String reason, String message) {
        String namespace = involved.getNamespace();
        String name = involved.getName();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withNamespace(namespace)
                    // The name scheme of client-go's recorder: <object>.<unique suffix>.
                    .withName(name + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .endMetadata()
                .withInvolvedObject(involved)
                .withType("Warning")
                .withReason(reason)
                .withMessage(message.length() > 1024 ? message.substring(0, 1024) : message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(instance)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (RuntimeException e) {
            LOG.debugf("Could not write Event %s on %s %s/%s: %s", reason, involved.getKind(), namespace, name,
                    e.getMessage());
        }
    }
}
