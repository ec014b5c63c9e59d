package io.pullsecretinjector.admission;

import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.TestCertificates;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook serves the certificate certs/generate.sh made, verifiable with its CA for the name localhost, refuses
 * plain HTTP, and serves a rotated certificate without a restart.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class TlsServingTest {

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @Inject
    TlsConfigurationRegistry tls;

    @Inject
    Event<CertificateUpdatedEvent> certificateUpdated;

    @Test
    void aClientTrustingOnlyTheGeneratedCaReachesTheWebhookAsLocalhost() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingGeneratedCa()).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(mutate.toString()))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(servedCertificate()).isEqualTo(generatedCertificate());
    }

    @Test
    void plainHttpOnTheWebhookPortGetsNoHttpAnswer() throws Exception {
        try (Socket socket = new Socket(mutate.getHost(), mutate.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mutate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = readSome(socket.getInputStream());
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/");
        }
    }

    @Test
    void aRotatedCertificateIsServedWithoutRestart() throws Exception {
        X509Certificate before = servedCertificate();
        TestCertificates.rotate();

        TlsConfiguration webhook = tls.get("webhook").orElseThrow();
        assertThat(webhook.reload()).isTrue();
        certificateUpdated.fire(new CertificateUpdatedEvent("webhook", webhook));

        await().untilAsserted(() -> assertThat(servedCertificate()).isNotEqualTo(before)
                .isEqualTo(generatedCertificate()));
    }

    private X509Certificate servedCertificate() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingGeneratedCa().getSocketFactory()
                .createSocket(mutate.getHost(), mutate.getPort())) {
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        }
    }

    private static X509Certificate generatedCertificate() throws Exception {
        try (InputStream in = Files.newInputStream(TestCertificates.DIR.resolve("tls.crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLContext trustingGeneratedCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(TestCertificates.DIR.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static byte[] readSome(InputStream in) {
        byte[] buffer = new byte[64];
        try {
            int n = in.read(buffer);
            return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
        } catch (java.io.IOException closed) {
            return new byte[0];
        }
    }
}
