package io.pullsecretinjector.certificates;

import io.pullsecretinjector.config.InjectorConfig;

import java.util.List;

/**
 * Where managed certificates live and whom they are for ({@code injector.tls.*} and {@code injector.namespace}).
 *
 * @param namespace            the injector's namespace, home of both Secrets
 * @param caSecret             name of the Secret holding the CA key pair and the trusted CAs
 * @param servingSecret        name of the Secret holding the serving certificate every replica serves
 * @param serviceName          the webhook's Service, which the serving certificate is issued for
 * @param webhookConfiguration the MutatingWebhookConfiguration whose caBundle fields are kept
 */
public record ManagedTlsSettings(String namespace, String caSecret, String servingSecret, String serviceName,
                                 String webhookConfiguration) {

    public static ManagedTlsSettings from(InjectorConfig config) {
        InjectorConfig.Tls tls = config.tls();
        return new ManagedTlsSettings(config.namespace(), tls.caSecret(), tls.secret(), tls.serviceName(),
                tls.webhookConfiguration());
    }

    /** The names the API server may call the Service by, in the order they are written into the certificate. */
    public List<String> dnsNames() {
        String inNamespace = serviceName + "." + namespace;
        return List.of(serviceName, inNamespace, inNamespace + ".svc", inNamespace + ".svc.cluster.local");
    }
}
