package io.pullsecretinjector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certs/generate.sh, checked with openssl the way the API server and the app will use its output. */
class GenerateCertificatesTest {

    private static final String SERVICE_DNS = "pull-secret-injector.pull-secret-injector.svc";
    private static final List<String> FILES = List.of("ca.crt", "ca.key", "tls.crt", "tls.key");

    @TempDir
    Path out;

    private String openssl;

    @BeforeEach
    void requireOpenssl() {
        openssl = Commands.require("openssl", "OPENSSL", "certs/generate.sh and these checks need OpenSSL 1.1.1 or later");
    }

    @Test
    void servingCertificateChainsToTheCaForTheNameTheApiServerChecks() {
        generate();

        Commands.Result verify = openssl("verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "ca.crt",
                "-verify_hostname", SERVICE_DNS, "tls.crt");

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("tls.crt: OK");
    }

    @Test
    void servingCertificateAlsoVerifiesForLocalRuns() {
        generate();

        assertThat(openssl("verify", "-CAfile", "ca.crt", "-verify_hostname", "localhost", "tls.crt").exitCode()).isZero();
        assertThat(openssl("verify", "-CAfile", "ca.crt", "-verify_ip", "127.0.0.1", "tls.crt").exitCode()).isZero();
        assertThat(openssl("verify", "-CAfile", "ca.crt", "-verify_hostname", "other.pull-secret-injector.svc", "tls.crt")
                .exitCode()).as("a name not in the certificate").isNotZero();
    }

    @Test
    void servingCertificateNamesExactlyTheServiceAndLocalhost() {
        generate();

        assertThat(subjectAltNames("tls.crt")).containsExactly("DNS:pull-secret-injector",
                "DNS:pull-secret-injector.pull-secret-injector", "DNS:" + SERVICE_DNS, "DNS:" + SERVICE_DNS + ".cluster.local",
                "DNS:localhost", "IP Address:127.0.0.1");
    }

    @Test
    void serviceAndNamespaceOptionsNameTheOtherService() {
        generate("--service", "injector", "--namespace", "platform");

        assertThat(subjectAltNames("tls.crt")).containsExactly("DNS:injector", "DNS:injector.platform",
                "DNS:injector.platform.svc", "DNS:injector.platform.svc.cluster.local", "DNS:localhost",
                "IP Address:127.0.0.1");
    }

    @Test
    void servingCertificateIsALeafForServerAuthenticationAndTheCaIsACa() {
        generate();

        String leaf = openssl("x509", "-in", "tls.crt", "-noout", "-ext", "basicConstraints,extendedKeyUsage")
                .assertSuccess().stdout();
        String ca = openssl("x509", "-in", "ca.crt", "-noout", "-ext", "basicConstraints,keyUsage").assertSuccess().stdout();

        assertThat(leaf).contains("CA:FALSE").contains("TLS Web Server Authentication");
        assertThat(ca).contains("CA:TRUE").contains("Certificate Sign");
    }

    @Test
    void privateKeysBelongToTheirCertificates() {
        generate();

        assertThat(publicKeyOfCertificate("tls.crt")).isEqualTo(publicKeyOfPrivateKey("tls.key"));
        assertThat(publicKeyOfCertificate("ca.crt")).isEqualTo(publicKeyOfPrivateKey("ca.key"));
    }

    @Test
    void privateKeysArePkcs8AndReadableOnlyByTheOwner() throws IOException {
        generate();

        for (String key : List.of("tls.key", "ca.key")) {
            assertThat(Files.readString(out.resolve(key))).as(key).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(out.resolve(key))).as(key)
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void servingCertificateLastsTheRequestedNumberOfDays() {
        generate("--days", "30");

        assertThat(openssl("x509", "-in", "tls.crt", "-noout", "-checkend", String.valueOf(29 * 86400)).exitCode()).isZero();
        assertThat(openssl("x509", "-in", "tls.crt", "-noout", "-checkend", String.valueOf(31 * 86400)).exitCode())
                .isNotZero();
    }

    @Test
    void secondRunKeepsEveryFileByteIdentical() throws IOException {
        generate();
        Map<String, byte[]> first = contents();

        String output = generate().stdout();

        assertThat(output).contains("keeping");
        assertThat(contents()).allSatisfy((file, bytes) -> assertThat(bytes).as(file).isEqualTo(first.get(file)));
    }

    @Test
    void forceIssuesANewServingCertificateFromTheSameCa() throws IOException {
        generate();
        Map<String, byte[]> first = contents();

        generate("--force");

        Map<String, byte[]> second = contents();
        assertThat(second.get("ca.crt")).as("caBundle stays valid").isEqualTo(first.get("ca.crt"));
        assertThat(second.get("ca.key")).isEqualTo(first.get("ca.key"));
        assertThat(second.get("tls.crt")).isNotEqualTo(first.get("tls.crt"));
        assertThat(second.get("tls.key")).isNotEqualTo(first.get("tls.key"));
        assertThat(openssl("verify", "-CAfile", "ca.crt", "-verify_hostname", SERVICE_DNS, "tls.crt").exitCode()).isZero();
    }

    @Test
    void newCaReplacesTheCaAndTheServingCertificate() throws IOException {
        generate();
        Map<String, byte[]> first = contents();

        String output = generate("--new-ca").stdout();

        assertThat(contents()).allSatisfy((file, bytes) -> assertThat(bytes).as(file).isNotEqualTo(first.get(file)));
        assertThat(output).contains("NEW CA");
        assertThat(openssl("verify", "-CAfile", "ca.crt", "-verify_hostname", SERVICE_DNS, "tls.crt").exitCode()).isZero();
    }

    @Test
    void aDifferentNamespaceReissuesTheServingCertificateFromTheSameCa() throws IOException {
        generate();
        Map<String, byte[]> first = contents();

        generate("--namespace", "platform");

        assertThat(contents().get("ca.crt")).isEqualTo(first.get("ca.crt"));
        assertThat(subjectAltNames("tls.crt")).contains("DNS:pull-secret-injector.platform.svc");
    }

    @Test
    void everyRunSaysHowToRotateAndPublishTheCertificate() {
        assertThat(generate().stdout()).contains("--force").contains("kubectl -n pull-secret-injector create secret tls");
        assertThat(generate().stdout()).as("second, idempotent run").contains("--force");
    }

    @Test
    void outputIntoTheSelfSignedOverlaySaysToApplyTheOverlay() {
        Path overlay = out.resolve("deploy/overlays/self-signed");

        String output = script("--out", overlay.resolve("tls").toString()).assertSuccess().stdout();

        assertThat(output).contains("kubectl apply -k " + overlay);
    }

    @Test
    void invalidArgumentsAreRefusedWithoutTouchingTheOutput() throws IOException {
        assertThat(script("--out", out.toString(), "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(script("--out", out.toString(), "--days", "soon").exitCode()).isEqualTo(2);
        assertThat(script("--out", out.toString(), "--service", "Not_A_Name").exitCode()).isEqualTo(2);
        assertThat(script("--out").exitCode()).as("option without its value").isEqualTo(2);
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    /** Runs the script into the test's output directory; fails the test if it fails. */
    private Commands.Result generate(String... options) {
        List<String> arguments = new ArrayList<>(List.of("--out", out.toString()));
        arguments.addAll(Arrays.asList(options));
        return script(arguments.toArray(String[]::new)).assertSuccess();
    }

    private Commands.Result script(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Project.generateScript().toString()));
        command.addAll(Arrays.asList(arguments));
        return Commands.run(out, command);
    }

    private Commands.Result openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(openssl));
        command.addAll(Arrays.asList(arguments));
        return Commands.run(out, command);
    }

    /** The subjectAltName entries in certificate order, e.g. "DNS:localhost", "IP Address:127.0.0.1". */
    private List<String> subjectAltNames(String certificate) {
        String[] lines = openssl("x509", "-in", certificate, "-noout", "-ext", "subjectAltName").assertSuccess().stdout()
                .strip().split("\n");
        assertThat(lines).hasSize(2);
        return Arrays.stream(lines[1].split(",")).map(String::strip).toList();
    }

    private String publicKeyOfCertificate(String certificate) {
        return openssl("x509", "-in", certificate, "-noout", "-pubkey").assertSuccess().stdout();
    }

    private String publicKeyOfPrivateKey(String key) {
        return openssl("pkey", "-in", key, "-pubout").assertSuccess().stdout();
    }

    private Map<String, byte[]> contents() throws IOException {
        Map<String, byte[]> contents = new HashMap<>();
        for (String file : FILES) {
            contents.put(file, Files.readAllBytes(out.resolve(file)));
        }
        return contents;
    }
}
