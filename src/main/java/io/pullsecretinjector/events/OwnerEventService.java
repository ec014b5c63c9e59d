package io.pullsecretinjector.events;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.pullsecretinjector.config.InjectorConfig;
import io.pullsecretinjector.injection.Notice;
import io.pullsecretinjector.injection.OwnerEvents;
import io.pullsecretinjector.injection.PodOwner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * The {@link OwnerEvents} of the application: an {@link OwnerEventQueue} writing through the Kubernetes client when
 * the cluster is enabled, nothing otherwise. Every replica writes the Events of the admissions it answers.
 */
@Singleton
public class OwnerEventService implements OwnerEvents {

    private final OwnerEventQueue queue;

    public OwnerEventService(InjectorConfig config, Instance<KubernetesClient> clients, MeterRegistry meters) {
        this.queue = config.cluster().enabled()
                ? new OwnerEventQueue(OwnerEventSink.of(new EventRecorder(clients.get(), config.sync().identity())),
                        config.events().queueCapacity(), config.events().dedupeWindow(), System::nanoTime, meters)
                : null;
    }

    void start(@Observes StartupEvent event) {
        if (queue != null) {
            queue.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (queue != null) {
            queue.stop();
        }
    }

    @Override
    public void report(String namespace, PodOwner owner, Notice notice) {
        if (queue != null) {
            queue.report(namespace, owner, notice);
        }
    }
}
