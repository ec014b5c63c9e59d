package io.pullsecretinjector.testing;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An HTTPS client that trusts only the given CAs (a webhook's caBundle), checks the host name as the API server does,
 * and validates certificates at a given moment (the moved test clock). Each call makes a new connection, so each call
 * is a full handshake.
 */
public final class BundleClient {

    private BundleClient() {
    }

    /** The response to POSTing {@code body} to {@code url}; throws if the handshake fails. */
    public static HttpResponse<String> post(URL url, String body, List<X509Certificate> trusted, Instant at)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted, at))
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The leaf certificate a response came with. */
    public static X509Certificate served(HttpResponse<?> response) throws Exception {
        return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    public static SSLContext trusting(List<X509Certificate> trusted, Instant at) throws Exception {
        Set<TrustAnchor> anchors = trusted.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
