package io.pullsecretinjector.deploy;

import static io.pullsecretinjector.deploy.LabelSelectors.selects;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.namespaceLabels;
import static io.pullsecretinjector.deploy.ManifestInvariantsTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.pullsecretinjector.injection.InjectorLabels;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** deploy/examples demonstrates an injection: everything in it must line up with the webhook as deployed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesTest {

    private RenderedManifests examples;
    private MutatingWebhook webhook;
    private String injectorNamespace;

    @BeforeAll
    void render() {
        examples = RenderedManifests.render("examples", Project.root().resolve("deploy/examples"));
        RenderedManifests base = RenderedManifests.render("base", Project.root().resolve("deploy/base"));
        webhook = webhook(base);
        injectorNamespace = base.only(Deployment.class).getMetadata().getNamespace();
    }

    @Test
    void everyFieldIsOneTheKubernetesApiKnows() {
        assertThat(examples.objects()).allSatisfy(object -> assertThat(KnownFields.unknownFields(object))
                .as("unknown fields of %s %s", object.getKind(), object.getMetadata().getName()).isEmpty());
    }

    @Test
    void exampleNamespaceOptsInAndIsSelectedByTheWebhook() {
        Namespace namespace = examples.only(Namespace.class);

        assertThat(namespace.getMetadata().getLabels()).containsEntry(InjectorLabels.ENABLED, InjectorLabels.TRUE);
        assertThat(selects(webhook.getNamespaceSelector(),
                namespaceLabels(namespace.getMetadata().getName(), namespace.getMetadata().getLabels()))).isTrue();
    }

    @Test
    void exampleDeploymentsPodsAreSentToTheWebhook() {
        Deployment deployment = examples.only(Deployment.class);

        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(examples.only(Namespace.class).getMetadata().getName());
        assertThat(selects(webhook.getObjectSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .isTrue();
    }

    @Test
    void exampleSourceSecretLivesInTheInjectorNamespaceAndCoversTheDeploymentsRegistry() throws IOException {
        Secret secret = examples.only(Secret.class);
        String image = examples.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        assertThat(secret.getMetadata().getNamespace()).isEqualTo(injectorNamespace);
        assertThat(secret.getMetadata().getLabels()).containsEntry(InjectorLabels.SOURCE, InjectorLabels.TRUE)
                .doesNotContainKey(InjectorLabels.MANAGED_BY);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(dockerConfig(secret).get("auths").has(image.substring(0, image.indexOf('/')))).as(image).isTrue();
    }

    @Test
    void exampleCredentialsAreVisiblyFake() throws IOException {
        JsonNode auth = dockerConfig(examples.only(Secret.class)).get("auths").elements().next();
        String password = auth.get("password").asText();

        assertThat(password).contains("not-a-real");
        assertThat(new String(Base64.getDecoder().decode(auth.get("auth").asText())))
                .isEqualTo(auth.get("username").asText() + ":" + password);
    }

    private static JsonNode dockerConfig(Secret secret) throws IOException {
        Map<String, String> data = secret.getData();
        return new ObjectMapper().readTree(Base64.getDecoder().decode(data.get(".dockerconfigjson")));
    }
}
