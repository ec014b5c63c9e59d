package io.pullsecretinjector.caches;

import java.util.Arrays;
import java.util.Optional;

/** The two Secret types the kubelet reads registry credentials from, and the data key each one uses. */
public enum PullSecretType {

    /** {@code {"auths": {key: entry}}}, written by {@code kubectl create secret docker-registry}. */
    DOCKER_CONFIG_JSON("kubernetes.io/dockerconfigjson", ".dockerconfigjson"),
    /** The legacy format: the bare map {@code {key: entry}}. */
    DOCKERCFG("kubernetes.io/dockercfg", ".dockercfg");

    private final String type;
    private final String dataKey;

    PullSecretType(String type, String dataKey) {
        this.type = type;
        this.dataKey = dataKey;
    }

    public String type() {
        return type;
    }

    public String dataKey() {
        return dataKey;
    }

    public static Optional<PullSecretType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
