package io.pullsecretinjector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

    private static final String HEX64 = "86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
    private static final String SHA256 = "sha256:" + HEX64;
    private static final String SHA384 = "sha384:" + "0123456789abcdef".repeat(6);
    private static final String SHA512 = "sha512:" + "f".repeat(128);

    static Stream<Arguments> validReferences() {
        return Stream.of(
                // description, image, domain, path, tag, digest
                arguments("a bare name is a Docker Hub official image", "nginx", "docker.io", "library/nginx", null, null),
                arguments("a tag is split off a bare name", "nginx:1.25", "docker.io", "library/nginx", "1.25", null),
                arguments("a Docker Hub user repository keeps its namespace", "bitnami/kafka", "docker.io", "bitnami/kafka", null, null),
                arguments("a written-out library/ prefix is kept", "library/nginx", "docker.io", "library/nginx", null, null),
                arguments("docker.io with one component gets library/", "docker.io/nginx", "docker.io", "library/nginx", null, null),
                arguments("docker.io with a namespace keeps it", "docker.io/bitnami/kafka", "docker.io", "bitnami/kafka", null, null),
                arguments("index.docker.io is rewritten to docker.io", "index.docker.io/nginx", "docker.io", "library/nginx", null, null),
                arguments("index.docker.io with a namespace is docker.io", "index.docker.io/bitnami/kafka", "docker.io", "bitnami/kafka", null, null),
                arguments("registry-1.docker.io is not rewritten", "registry-1.docker.io/nginx", "registry-1.docker.io", "nginx", null, null),
                arguments("Docker.io keeps its case and gets no library/ prefix", "Docker.io/nginx", "Docker.io", "nginx", null, null),
                arguments("INDEX.DOCKER.IO is not rewritten", "INDEX.DOCKER.IO/nginx", "INDEX.DOCKER.IO", "nginx", null, null),
                arguments("a registry with a port and a digest", "reg.example.com:5000/a/b@" + SHA256, "reg.example.com:5000", "a/b", null, SHA256),
                arguments("localhost is a registry without dot or port", "localhost/app", "localhost", "app", null, null),
                arguments("localhost with a port is a registry", "localhost:5000/app:v1", "localhost:5000", "app", "v1", null),
                arguments("an uppercase first component is a registry", "Foo/bar", "Foo", "bar", null, null),
                arguments("an uppercase registry with dots keeps its case", "Asdf.com/foo/bar", "Asdf.com", "foo/bar", null, null),
                arguments("LOCALHOST is a registry by the uppercase rule", "LOCALHOST/foo", "LOCALHOST", "foo", null, null),
                arguments("a first component without dot, colon or uppercase is a Hub namespace", "test_com/foo", "docker.io", "test_com/foo", null, null),
                arguments("without a slash localhost is an official image", "localhost", "docker.io", "library/localhost", null, null),
                arguments("without a slash a host name is an official image", "example.com", "docker.io", "library/example.com", null, null),
                arguments("without a slash a port is a tag", "example.com:5000", "docker.io", "library/example.com", "5000", null),
                arguments("without a slash an IPv4 address and port are an image and tag", "192.168.1.1:5000", "docker.io", "library/192.168.1.1", "5000", null),
                arguments("localhost:8080 with a digest is an official image with tag 8080", "localhost:8080@" + SHA256, "docker.io", "library/localhost", "8080", SHA256),
                arguments("sha256:<hex> is an official image named sha256 with a 64-character tag", SHA256, "docker.io", "library/sha256", HEX64, null),
                arguments("64 hex characters under a registry are a repository", "docker.io/" + HEX64, "docker.io", "library/" + HEX64, null, null),
                arguments("63 hex characters are an ordinary name", HEX64.substring(1), "docker.io", "library/" + HEX64.substring(1), null, null),
                arguments("an IPv4 registry", "192.168.1.1/repo", "192.168.1.1", "repo", null, null),
                arguments("a bracketed IPv6 registry with a port", "[::1]:5000/repo", "[::1]:5000", "repo", null, null),
                arguments("a bracketed IPv6 registry without a port", "[2001:db8::1]/repo", "[2001:db8::1]", "repo", null, null),
                arguments("a full IPv6 registry with tag and digest", "[2001:db8:1:2:3:4:5:6]:5000/repo:tag@" + SHA256, "[2001:db8:1:2:3:4:5:6]:5000", "repo", "tag", SHA256),
                arguments("a domain the host grammar refuses is re-read as a path", "my_registry.com/foo", "", "my_registry.com/foo", null, null),
                arguments("a domain re-read as a path keeps its tag", "my_registry.com/foo:1.0", "", "my_registry.com/foo", "1.0", null),
                arguments("port 0 is accepted", "reg.example.com:0/app", "reg.example.com:0", "app", null, null),
                arguments("a dotless registry with a port", "test-com:8080/foo", "test-com:8080", "foo", null, null),
                arguments("punycode registries are plain labels", "xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", null),
                arguments("a path may contain dots", "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com", null),
                arguments("a path may use every separator", "reg.io/a.b_c__d-e---f/g", "reg.io", "a.b_c__d-e---f/g", null, null),
                arguments("a tag and a digest may both be present", "busybox:latest@" + SHA256, "docker.io", "library/busybox", "latest", SHA256),
                arguments("a tag may be uppercase", "nginx:Latest", "docker.io", "library/nginx", "Latest", null),
                arguments("a tag may start with '_' and contain '.' and '-'", "nginx:_1.25-alpine", "docker.io", "library/nginx", "_1.25-alpine", null),
                arguments("a tag may be 128 characters long", "nginx:" + "t".repeat(128), "docker.io", "library/nginx", "t".repeat(128), null),
                arguments("a sha384 digest is accepted", "nginx@" + SHA384, "docker.io", "library/nginx", null, SHA384),
                arguments("a sha512 digest is accepted", "nginx@" + SHA512, "docker.io", "library/nginx", null, SHA512),
                arguments("a Hub path may be 255 characters long", "a/".repeat(127) + "a", "docker.io", "a/".repeat(127) + "a", null, null),
                arguments("the registry does not count towards the 255 limit", "reg.example.com/" + "a/".repeat(127) + "a", "reg.example.com", "a/".repeat(127) + "a", null, null),
                arguments("library/ counts towards the 255 limit", "a".repeat(247), "docker.io", "library/" + "a".repeat(247), null, null),
                arguments("a registry host has no length limit", "a.".repeat(50_000) + "com/app", "a.".repeat(50_000) + "com", "app", null, null),
                arguments("a bracketed address is any run of hex digits and ':'", "[" + "1:".repeat(50_000) + "]:5000/x", "[" + "1:".repeat(50_000) + "]:5000", "x", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReferences")
    void parsesLikeTheKubelet(String description, String image, String domain, String path, String tag, String digest)
            throws InvalidImageReferenceException {
        assertThat(ImageReference.parse(image)).isEqualTo(new ImageReference(domain, path, tag, digest));
    }

    static Stream<Arguments> lookupNames() {
        return Stream.of(
                arguments("a tagged official image is looked up under docker.io/library", "nginx:1.25", "docker.io/library/nginx"),
                arguments("tag and digest are dropped from the lookup name", "reg.example.com:5000/a/b:v1@" + SHA256, "reg.example.com:5000/a/b"),
                arguments("a name re-read as a path is looked up as written", "my_registry.com/foo:1", "my_registry.com/foo"),
                arguments("an uppercase registry is looked up in its case", "Foo/bar:tag", "Foo/bar"),
                arguments("an IPv6 registry keeps brackets and port", "[::1]:5000/repo:tag", "[::1]:5000/repo"),
                arguments("index.docker.io is looked up as docker.io", "index.docker.io/nginx", "docker.io/library/nginx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookupNames")
    void nameIsWhatTheKubeletLooksUp(String description, String image, String name) throws InvalidImageReferenceException {
        assertThat(ImageReference.parse(image).name()).isEqualTo(name);
    }

    static Stream<Arguments> invalidReferences() {
        return Stream.of(
                // description, image, what the message must say
                arguments("a missing image is refused", null, "missing"),
                arguments("an empty image is refused", "", "empty"),
                arguments("an uppercase repository is refused", "docker/Docker", "repository name 'docker/Docker' must be lowercase"),
                arguments("an uppercase official image is refused", "NGINX", "must be lowercase"),
                arguments("an uppercase path under a registry is refused", "test:5000/Uppercase/lowercase:tag", "must be lowercase"),
                arguments("an uppercase digest algorithm trips the lowercase rule", "nginx@SHA256:" + HEX64, "must be lowercase"),
                arguments("a URL is refused", "https://github.com/docker/docker", "no URL scheme"),
                arguments("an http URL is refused", "http://root", "no URL scheme"),
                arguments("a leading space is refused", " nginx", "whitespace at position 1"),
                arguments("a trailing space is refused", "nginx ", "whitespace at position 6"),
                arguments("a tab is refused", "nginx\t", "whitespace"),
                arguments("a control character is refused", "ngi\u0000nx", "control character at position 4"),
                arguments("a non-ASCII letter is refused", "ngïnx", "non-ASCII character U+00EF"),
                arguments("a lone surrogate is refused", "nginx\uD83D", "non-ASCII character U+D83D"),
                arguments("an empty tag is refused", "nginx:", "tag is empty"),
                arguments("an empty digest is refused", "nginx@", "digest is empty"),
                arguments("a tag alone is refused", ":justtag", "must not end with '/'"),
                arguments("a digest alone is refused", "@" + SHA256, "must not end with '/'"),
                arguments("a trailing slash is refused", "docker/", "must not end with '/'"),
                arguments("an empty path component is refused", "docker///docker", "empty component"),
                arguments("an empty repository after a registry is refused", "reg.example.com/", "repository path is empty"),
                arguments("a double dot in a path is refused", "library/dock..er", "only between lowercase letters or digits"),
                arguments("a double dot in a registry is refused", "dock..er/docker", "empty label"),
                arguments("a leading dash is refused", "-docker", "only between lowercase letters or digits"),
                arguments("a leading underscore is refused", "_docker/_docker", "only between lowercase letters or digits"),
                arguments("three underscores are refused", "a___b", "only between lowercase letters or digits"),
                arguments("a dot after an underscore is refused", "dock_.er/docker", "registry host contains '_'"),
                arguments("a registry label may not start with '-'", "-docker.io/docker/docker", "must not start or end with '-'"),
                arguments("a non-numeric port is refused", "reg.example.com:http/app", "port must be digits"),
                arguments("an empty port is refused", "reg.example.com:/app", "port is empty"),
                arguments("a bare IPv6 address is not a registry", "::1/foo", "registry host is empty"),
                arguments("an unbracketed IPv6 address with a port is refused", "fc00::1:5000/debian", "port must be digits"),
                arguments("an IPv6 zone ID is refused", "[fe80::1%eth0]:5000/debian", "zone ID"),
                arguments("an IPv6 address with embedded IPv4 is refused", "[2001:db8:3:4::192.0.2.33]:5000/debian", "hexadecimal digits and ':'"),
                arguments("an IPv6 registry without a slash is read as a Hub name", "[2001:db8::1]:5000", "contains '['"),
                arguments("a bracketed IPv6 address alone is refused", "[2001:db8::1]", "contains '['"),
                arguments("symbols are refused in a path", "aa/asdf$$^/aa", "contains '$'"),
                arguments("a 256-character path is refused", "a/".repeat(128) + "a", "at most 255 characters long, it has 257"),
                arguments("library/ can push a Hub path over 255", "a".repeat(248), "it has 256"),
                arguments("a 129-character tag is refused", "nginx:" + "t".repeat(129), "at most 128 characters"),
                arguments("a tag may not start with '-'", "nginx:-x", "must start with a letter, a digit or '_'"),
                arguments("a second ':' in a tag is refused", "nginx:a:b", "tag contains ':'"),
                arguments("uppercase digest hex is refused", "nginx@sha256:" + HEX64.toUpperCase(), "exactly 64 lowercase hexadecimal"),
                arguments("a short sha256 digest is refused", "nginx@sha256:" + HEX64.substring(1), "exactly 64 lowercase hexadecimal"),
                arguments("a long sha256 digest is refused", "nginx@sha256:" + HEX64 + "a", "exactly 64 lowercase hexadecimal"),
                arguments("a sha384 digest needs 96 characters", "nginx@sha384:" + HEX64, "exactly 96 lowercase hexadecimal"),
                arguments("an unregistered algorithm is refused", "nginx@md5:" + HEX64.substring(32), "'md5' is not supported"),
                arguments("a combined algorithm is refused", "nginx@sha256+b64:" + HEX64, "'sha256+b64' is not supported"),
                arguments("a digest without algorithm is refused", "nginx@" + HEX64, "must look like 'sha256:"),
                arguments("a second '@' is refused", "nginx@" + SHA256 + "@" + SHA256, "exactly 64 lowercase hexadecimal"),
                arguments("64 hex characters alone are an image ID", HEX64, "image ID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReferences")
    void refusesWhatTheKubeletRefuses(String description, String image, String message) {
        assertThatThrownBy(() -> ImageReference.parse(image))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> hugeInputs() {
        int size = 100_000;
        return Stream.of(
                arguments("one long name", "a".repeat(size)),
                arguments("many path components", "reg.io/" + "a/".repeat(size / 2) + "a"),
                arguments("a long run of dashes", "a" + "-".repeat(size) + "a"),
                arguments("a long tag", "nginx:" + "t".repeat(size)),
                arguments("a long digest", "nginx@sha256:" + "a".repeat(size)),
                arguments("many colons", ":".repeat(size)),
                arguments("many at signs", "@".repeat(size)),
                arguments("many opening brackets", "[".repeat(size) + "/x"),
                arguments("an unclosed IPv6 literal", "[" + "1:".repeat(size / 2) + ":5000/x"),
                arguments("many empty registry labels", ".".repeat(size) + "/x"),
                arguments("many separators", "x." + "_.".repeat(size / 2) + "/x"),
                arguments("many surrogates", "\uD83D\uDE00".repeat(size / 2)));
    }

    @ParameterizedTest(name = "{0} of 100k characters is refused with a message")
    @MethodSource("hugeInputs")
    void refusesHugeInputsQuickly(String description, String image) {
        assertThatThrownBy(() -> ImageReference.parse(image))
                .isInstanceOf(InvalidImageReferenceException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(300));
    }

    /**
     * Differential test: random strings built from the tokens that matter to the grammar must get the same answer
     * (valid or not, and the same domain, path, tag and digest) as the transcription of upstream's regexps.
     */
    @Test
    void agreesWithUpstreamRegexpsOnGeneratedReferences() {
        List<String> tokens = List.of("a", "b", "z", "0", "9", "nginx", "app", "v1", "reg.io/", "team/", "A", "Z",
                ".", "_", "__", "-", "--", "/", "//", ":",
                "@", "[", "]", "::1", "[::1]", "[fe80::1%e]", "localhost", "docker.io", "index.docker.io", "library",
                "Foo", "my_registry.com", "com", "example.com", ":5000", ":0", ":x", "@" + SHA256, "@" + SHA512,
                "@sha256:" + HEX64.toUpperCase(), "@md5:" + HEX64, HEX64, "sha256:", " ", "%", "é", "://", "..");
        Random random = new Random(20240611);
        int valid = 0;
        int validWithoutDomain = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder image = new StringBuilder();
            for (int n = 1 + random.nextInt(7); n > 0; n--) {
                image.append(tokens.get(random.nextInt(tokens.size())));
            }
            String input = image.toString();
            Optional<ImageReference> expected = RegexpReferenceOracle.parse(input);
            assertThat(parseOrEmpty(input)).as("parse(%s)", input).isEqualTo(expected);
            if (expected.isPresent()) {
                valid++;
                validWithoutDomain += expected.get().domain().isEmpty() ? 1 : 0;
                // The lookup name is itself a reference that normalises to itself, and the matcher can split it.
                assertThat(parseOrEmpty(expected.get().name())).map(ImageReference::name).contains(expected.get().name());
                assertThat(LookupName.parse(expected.get().name())).isNotNull();
            }
        }
        // Guard against a generator that only produces garbage: both outcomes must be well represented.
        assertThat(valid).isBetween(3_000, 27_000);
        assertThat(validWithoutDomain).isPositive();
    }

    private static Optional<ImageReference> parseOrEmpty(String image) {
        try {
            return Optional.of(ImageReference.parse(image));
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }
}
