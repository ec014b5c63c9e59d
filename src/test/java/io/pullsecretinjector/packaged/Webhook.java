package io.pullsecretinjector.packaged;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** A client of the packaged webhook that trusts only the CA certs/generate.sh made, as the API server would. */
final class Webhook {

    record Answer(int status, String body) {
    }

    private final HttpClient keepAlive;

    Webhook() {
        this.keepAlive = newClient();
    }

    /** On this client's keep-alive connection. */
    Answer post(byte[] body) {
        return post(keepAlive, body);
    }

    /** On a new connection, with its own TLS handshake, as an API server connecting to a new replica. */
    static Answer postOnNewConnection(byte[] body) {
        return post(newClient(), body);
    }

    static Answer get(java.net.URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The certificate the webhook presents to a new TLS connection. */
    static X509Certificate servedCertificate() {
        try (SSLSocket socket = (SSLSocket) trustingGeneratedCa().getSocketFactory()
                .createSocket(PackagedServer.webhookHost(), PackagedServer.webhookPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static X509Certificate certificateOnDisk() {
        try (InputStream in = Files.newInputStream(PackagedServer.CERTS.resolve("tls.crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer post(HttpClient client, byte[] body) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(PackagedServer.mutate())
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingGeneratedCa())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static SSLContext trustingGeneratedCa() {
        try (InputStream in = Files.newInputStream(PackagedServer.CERTS.resolve("ca.crt"))) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
