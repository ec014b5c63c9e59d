import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Posts an AdmissionReview to the local webhook, trusting only the demo CA (so the certificate and its localhost SAN
 * are really checked), and prints the response and its decoded JSON Patch. Run with the JDK's single-file launcher:
 * {@code java src/demo/SendReview.java URL CA_FILE REVIEW_FILE}. Needs nothing but a JDK (no curl, no jq).
 */
public class SendReview {

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(Path.of(args[1])))
                .connectTimeout(Duration.ofSeconds(2)).build();
        byte[] review = Files.readAllBytes(Path.of(args[2]));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(review)).build();

        HttpResponse<String> response = sendWhenUp(client, request, Instant.now().plusSeconds(90));
        System.out.println("==> AdmissionReview in (" + args[2] + "):");
        System.out.println(new String(review).strip());
        System.out.println();
        System.out.println("<== HTTP " + response.statusCode() + ", AdmissionReview out:");
        System.out.println(response.body().strip());
        Matcher patch = Pattern.compile("\"patch\":\"([A-Za-z0-9+/=]*)\"").matcher(response.body());
        System.out.println();
        if (patch.find()) {
            System.out.println("<== decoded patch (JSON Patch, RFC 6902):");
            System.out.println(new String(Base64.getDecoder().decode(patch.group(1)))
                    .replace("},{", "},\n {").replace("[{", "[\n {").replace("}]", "}\n]"));
        } else {
            System.out.println("<== no patch: nothing to add");
        }
    }

    /** Retries while the webhook is still starting (connection refused), up to {@code deadline}. */
    private static HttpResponse<String> sendWhenUp(HttpClient client, HttpRequest request, Instant deadline)
            throws Exception {
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("demo-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
