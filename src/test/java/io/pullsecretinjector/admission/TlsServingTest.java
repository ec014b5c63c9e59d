package io.pullsecretinjector.admission;

import io.pullsecretinjector.testing.InjectorTestProfile;
import io.pullsecretinjector.testing.TestCertificates;
import io.pullsecretinjector.tls.ServingCertificate;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook serves the certificate certs/generate.sh made, verifiable with its CA for the name localhost, refuses
 * plain HTTP, serves a rotated certificate without a restart and without failing a connection, and keeps serving the
 * previous certificate when the changed files cannot be used.
 */
@QuarkusTest
@TestProfile(InjectorTestProfile.class)
class TlsServingTest {

    @TestHTTPResource(value = "/mutate", tls = true)
    URL mutate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    @Identifier(ServingCertificate.TLS_CONFIGURATION)
    ServingCertificate servingCertificate;

    @AfterEach
    void leaveAValidCertificateServed() {
        TestCertificates.rotate();
        servingCertificate.reload();
    }

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
    void aRotatedCertificateIsServedToTheNextConnectionWithoutRestart() throws Exception {
        X509Certificate before = servedCertificate();
        TestCertificates.rotate();

        assertThat(servingCertificate.reload()).isTrue();

        assertThat(servedCertificate()).isNotEqualTo(before).isEqualTo(generatedCertificate());
    }

    @Test
    void theExpiryOfTheServedCertificateIsExported() throws Exception {
        TestCertificates.rotate();
        servingCertificate.reload();
        long expiry = generatedCertificate().getNotAfter().toInstant().getEpochSecond();

        String text = io.restassured.RestAssured.get(metrics).then().statusCode(200).extract().asString();

        assertThat(text).contains("injector_serving_certificate_expiry_seconds " + (double) expiry);
    }

    @Test
    void unchangedFilesAreNotReloaded() {
        assertThat(servingCertificate.reload()).isFalse();
    }

    @Test
    void noHandshakeFailsWhileCertificatesAreRotatedRepeatedly() throws Exception {
        AtomicBoolean rotating = new AtomicBoolean(true);
        AtomicInteger handshakes = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        SSLContext client = trustingGeneratedCa();
        List<Thread> connectors = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread connector = new Thread(() -> {
                while (rotating.get()) {
                    try {
                        handshake(client);
                        handshakes.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
            connector.start();
            connectors.add(connector);
        }
        int reloads = 0;
        try {
            for (int i = 0; i < 5; i++) {
                TestCertificates.rotate();
                if (servingCertificate.reload()) {
                    reloads++;
                }
            }
        } finally {
            rotating.set(false);
            for (Thread connector : connectors) {
                connector.join();
            }
        }

        assertThat(reloads).isEqualTo(5);
        assertThat(handshakes.get()).isPositive();
        assertThat(failures).isEmpty();
        assertThat(servedCertificate()).isEqualTo(generatedCertificate());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedAndThePreviousCertificateStaysServed() throws Exception {
        X509Certificate before = servedCertificate();
        Path otherDir = Files.createTempDirectory("other-certs");
        TestCertificates.generate(otherDir);
        Files.copy(otherDir.resolve("tls.key"), TestCertificates.DIR.resolve("tls.key"),
                StandardCopyOption.REPLACE_EXISTING);

        assertThat(servingCertificate.reload()).isFalse();

        assertThat(servedCertificate()).isEqualTo(before);
    }

    @Test
    void anUnreadableCertificateFileIsRefusedAndThePreviousCertificateStaysServed() throws Exception {
        X509Certificate before = servedCertificate();
        Files.writeString(TestCertificates.DIR.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nnot base64\n");

        assertThat(servingCertificate.reload()).isFalse();

        assertThat(servedCertificate()).isEqualTo(before);
    }

    private X509Certificate servedCertificate() throws Exception {
        return handshake(trustingGeneratedCa());
    }

    private X509Certificate handshake(SSLContext client) throws Exception {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(mutate.getHost(), mutate.getPort())) {
            socket.setSoTimeout(10_000);
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
