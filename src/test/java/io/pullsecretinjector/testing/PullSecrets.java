package io.pullsecretinjector.testing;

import io.pullsecretinjector.caches.PullSecretType;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.pullsecretinjector.injection.InjectorLabels;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Test objects: pull secrets with recognisable credentials, and namespaces with or without the opt-in label. */
public final class PullSecrets {

    public static final String INJECTOR_NAMESPACE = "pull-secret-injector";
    /** Every credential the tests use contains this marker, so a leak is found by one search. */
    public static final String PASSWORD_MARKER = "s3cr3t-PASSW0RD";

    private PullSecrets() {
    }

    public static String password(String name) {
        return PASSWORD_MARKER + "-" + name;
    }

    public static String auth(String name) {
        return b64("robot:" + password(name));
    }

    /** A {@code kubernetes.io/dockerconfigjson} document with one entry per registry key. */
    public static String dockerConfigJson(String name, String... registries) {
        StringBuilder auths = new StringBuilder();
        for (String registry : registries) {
            auths.append(auths.length() == 0 ? "" : ",").append('"').append(registry).append("\":{\"username\":\"robot\","
                    + "\"password\":\"").append(password(name)).append("\",\"auth\":\"").append(auth(name)).append("\"}");
        }
        return "{\"auths\":{" + auths + "}}";
    }

    public static Secret source(String name, String... registries) {
        return sourceWithDocument(name, dockerConfigJson(name, registries));
    }

    public static Secret sourceWithDocument(String name, String document) {
        return new SecretBuilder()
                .withNewMetadata().withNamespace(INJECTOR_NAMESPACE).withName(name)
                    .addToLabels(InjectorLabels.SOURCE, InjectorLabels.TRUE).endMetadata()
                .withType(PullSecretType.DOCKER_CONFIG_JSON.type())
                .withData(Map.of(PullSecretType.DOCKER_CONFIG_JSON.dataKey(), b64(document)))
                .build();
    }

    public static Secret secret(String namespace, String name, String type, String dataKey, String document) {
        return new SecretBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withType(type)
                .withData(Map.of(dataKey, b64(document)))
                .build();
    }

    public static Namespace namespace(String name, boolean optedIn) {
        NamespaceBuilder builder = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata();
        if (optedIn) {
            builder.editMetadata().addToLabels(InjectorLabels.ENABLED, InjectorLabels.TRUE).endMetadata();
        }
        return builder.build();
    }

    public static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
