package io.pullsecretinjector.caches;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** A cache change: {@code before} is {@code null} on add, {@code after} is {@code null} on delete. */
@FunctionalInterface
public interface Change<T> {

    void changed(T before, T after);

    static <T> ResourceEventHandler<T> adapt(Change<T> change) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T added) {
                change.changed(null, added);
            }

            @Override
            public void onUpdate(T before, T after) {
                change.changed(before, after);
            }

            @Override
            public void onDelete(T deleted, boolean finalStateUnknown) {
                change.changed(deleted, null);
            }
        };
    }
}
