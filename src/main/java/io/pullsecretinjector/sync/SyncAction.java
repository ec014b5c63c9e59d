package io.pullsecretinjector.sync;

import io.pullsecretinjector.sources.SourceSecret;
import io.fabric8.kubernetes.api.model.Secret;

/** One step of a sync pass, computed by {@link SyncPlanner} and carried out by {@link SecretSync} on the leader. */
public sealed interface SyncAction {

    /** Copy {@code source} into {@code namespace}, where no pull secret of that name exists. */
    record Create(String namespace, SourceSecret source) implements SyncAction {
    }

    /** Bring the managed copy {@code copy} (cached without data) up to date with {@code source}. */
    record Update(Secret copy, SourceSecret source) implements SyncAction {
    }

    /** Delete the managed copy {@code copy}; {@code why} is for the log. */
    record Delete(Secret copy, String why) implements SyncAction {
    }

    /** {@code existing} is not managed by pull-secret-injector and has the name of {@code source}: never touched. */
    record Conflict(Secret existing, SourceSecret source) implements SyncAction {
    }
}
