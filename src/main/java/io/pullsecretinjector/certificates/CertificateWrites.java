package io.pullsecretinjector.certificates;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pullsecretinjector.injection.InjectorLabels;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writes of the certificate controller, with the verbs of {@code ApiPermissions.MANAGED_TLS} only:
 * <ul>
 *   <li>Secrets with optimistic concurrency: {@code create}, and on 409 (someone created it first) a re-read with
 *       {@code get}; {@code update} with the resourceVersion read, and on 409 (or 404) a re-read. Two replicas that
 *       both believe they lead therefore end with the one CA that was written first;</li>
 *   <li>the webhook configuration with a JSON {@code patch} of its {@code caBundle} fields only, each guarded by a
 *       {@code test} of the webhook's name at that index; never a full update. After a failed patch, a {@code get}.</li>
 * </ul>
 */
final class CertificateWrites {

    private static final Logger LOG = Logger.getLogger(CertificateWrites.class);

    private final KubernetesClient client;
    private final ManagedTlsSettings settings;
    private final AtomicLong writes = new AtomicLong();

    CertificateWrites(KubernetesClient client, ManagedTlsSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    long count() {
        return writes.get();
    }

    /** A Secret after a write: the one written ({@code ours}), or another writer's re-read after a 409. */
    record Written(Secret secret, boolean ours) {
    }

    /**
     * Creates or updates a {@code kubernetes.io/tls} Secret. A 409 means another writer got there first: the Secret
     * is re-read and the next step is planned from it.
     *
     * @return the Secret as it now is (what was written, or what the other writer wrote; null if it is gone)
     */
    Written write(Secret existing, String name, KeyPairCertificate pair, CaBundle caCertificates) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(StoredPair.CERTIFICATE, base64(pair.certificatePem()));
        data.put(StoredPair.KEY, base64(pair.keyPem()));
        data.put(StoredPair.CA_CERTIFICATES, base64(caCertificates.toPem()));
        try {
            Secret result;
            if (existing == null) {
                Secret secret = new SecretBuilder()
                        .withNewMetadata()
                            .withNamespace(settings.namespace()).withName(name)
                            .addToLabels(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE)
                        .endMetadata()
                        .withType("kubernetes.io/tls")
                        .withData(data)
                        .build();
                result = client.secrets().inNamespace(settings.namespace()).resource(secret).create();
            } else {
                Secret secret = new SecretBuilder(existing)
                        .editMetadata()
                            .addToLabels(InjectorLabels.MANAGED_BY, InjectorLabels.MANAGED_BY_VALUE)
                        .endMetadata()
                        .withData(data)
                        .withStringData(null)
                        .build();
                // Carries the resourceVersion read: the API server refuses it if the Secret changed meanwhile.
                result = client.secrets().inNamespace(settings.namespace()).resource(secret).update();
            }
            writes.incrementAndGet();
            return new Written(result, true);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                LOG.debugf("Managed certificates: Secret %s/%s was changed by someone else (HTTP %d); re-reading it",
                        settings.namespace(), name, e.getCode());
                return new Written(client.secrets().inNamespace(settings.namespace()).withName(name).get(), false);
            }
            throw e;
        }
    }

    /**
     * Sets every webhook's {@code clientConfig.caBundle} with one JSON patch: per index a {@code test} of the webhook's
     * name (so a configuration reordered meanwhile is not patched at the wrong place) and an {@code add} of the field.
     *
     * @return the configuration as it now is, null if it is gone
     */
    MutatingWebhookConfiguration patchBundles(MutatingWebhookConfiguration configuration, CaBundle bundle) {
        String name = settings.webhookConfiguration();
        var resource = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name);
        List<Map<String, Object>> operations = new ArrayList<>();
        List<MutatingWebhook> webhooks = configuration.getWebhooks();
        for (int i = 0; i < webhooks.size(); i++) {
            operations.add(Map.of("op", "test", "path", "/webhooks/" + i + "/name", "value", webhooks.get(i).getName()));
            operations.add(Map.of("op", "add", "path", "/webhooks/" + i + "/clientConfig/caBundle",
                    "value", bundle.toBase64()));
        }
        try {
            MutatingWebhookConfiguration patched = resource.patch(PatchContext.of(PatchType.JSON),
                    client.getKubernetesSerialization().asJson(operations));
            writes.incrementAndGet();
            LOG.infof("Managed certificates: set the caBundle of %d webhook(s) in %s to %s", webhooks.size(), name,
                    bundle);
            return patched;
        } catch (KubernetesClientException e) {
            // A failed test (the list changed) or a conflict: read the configuration again and plan from it.
            LOG.debugf("Managed certificates: patching %s failed (HTTP %d); re-reading it", name, e.getCode());
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return null;
            }
            return resource.get();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
