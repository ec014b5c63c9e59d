package io.pullsecretinjector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryPatternTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                // description, key, host, port, path
                arguments("a host alone has no port and no path", "registry.example.com", "registry.example.com", "", ""),
                arguments("a port is kept apart from the host", "registry.example.com:5000", "registry.example.com", "5000", ""),
                arguments("a path prefix keeps its leading slash", "registry.example.com/team", "registry.example.com", "", "/team"),
                arguments("a trailing slash after a path is kept", "reg.example.com/team/", "reg.example.com", "", "/team/"),
                arguments("a lone slash means no path", "reg.example.com/", "reg.example.com", "", ""),
                arguments("https:// is stripped", "https://reg.example.com", "reg.example.com", "", ""),
                arguments("http:// is stripped", "http://reg.example.com:8080/team", "reg.example.com", "8080", "/team"),
                arguments("the Docker Hub v1 URL is docker.io", "https://index.docker.io/v1/", "docker.io", "", ""),
                arguments("index.docker.io is docker.io", "index.docker.io", "docker.io", "", ""),
                arguments("index.docker.io keeps its path when rewritten", "index.docker.io/library", "docker.io", "", "/library"),
                arguments("index.docker.io with a port is not rewritten", "index.docker.io:443", "index.docker.io", "443", ""),
                arguments("INDEX.DOCKER.IO is not rewritten", "INDEX.DOCKER.IO", "INDEX.DOCKER.IO", "", ""),
                arguments("/v2/ before a path is dropped", "reg/v2/team", "reg", "", "/team"),
                arguments("/v1/ alone is dropped", "reg.example.com/v1/", "reg.example.com", "", ""),
                arguments("/v2 without a trailing slash is a path", "reg.example.com/v2", "reg.example.com", "", "/v2"),
                arguments("/v3/ is a path", "reg.example.com/v3/", "reg.example.com", "", "/v3/"),
                arguments("/v2/ is dropped only once", "reg.example.com/v2/v2/x", "reg.example.com", "", "/v2/x"),
                arguments("user information is dropped", "https://user:pa$$w0rd@reg.example.com", "reg.example.com", "", ""),
                arguments("user information is split at the last '@'", "me@corp@reg.example.com:5000", "reg.example.com", "5000", ""),
                arguments("an empty port means no port", "reg.example.com:", "reg.example.com", "", ""),
                arguments("a wildcard label is kept as written", "*.example.com", "*.example.com", "", ""),
                arguments("a lone star is a one-label wildcard", "*", "*", "", ""),
                arguments("a star may sit inside a label", "reg-*.example.com:5000/team", "reg-*.example.com", "5000", "/team"),
                arguments("an IPv6 host keeps its brackets", "[::1]:5000", "[::1]", "5000", ""),
                arguments("an IPv6 host may have a scheme and a path", "https://[2001:db8::1]:5000/team", "[2001:db8::1]", "5000", "/team"),
                arguments("a full IPv6 address is accepted", "[2001:db8:0:0:0:0:0:1]:443", "[2001:db8:0:0:0:0:0:1]", "443", ""),
                arguments("host case is kept", "Registry.Example.com", "Registry.Example.com", "", ""),
                arguments("an underscore is allowed in a host", "my_registry.com", "my_registry.com", "", ""),
                arguments("a path may use every character of image paths", "reg.io/a.b_c-d/e", "reg.io", "", "/a.b_c-d/e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void readsAKeyAsTheKubeletDoes(String description, String key, String host, String port, String path)
            throws InvalidRegistryPatternException {
        assertThat(RegistryPattern.parse(key)).isEqualTo(new RegistryPattern(key, host, port, path));
    }

    static Stream<Arguments> refusedPatterns() {
        return Stream.of(
                // description, key, what the message must say
                arguments("a missing pattern", null, "missing"),
                arguments("an empty pattern", "", "empty"),
                arguments("a blank pattern", "   ", "blank"),
                arguments("a leading space, which url.Parse refuses", " reg.example.com", "whitespace or a control character"),
                arguments("a trailing newline", "reg.example.com\n", "whitespace or a control character"),
                arguments("a no-break space", "reg\u00a0example.com", "whitespace or a control character"),
                arguments("a control character", "reg\u0001.example.com", "whitespace or a control character"),
                arguments("a question mark, which starts a URL query", "ex?mple.com", "contains '?': only '*' is supported as a wildcard"),
                arguments("a hash, which starts a URL fragment", "reg.example.com#team", "contains '#'"),
                arguments("a percent-escape", "reg%2Eexample.com", "contains '%'"),
                arguments("an uppercase scheme, which the kubelet does not strip", "HTTPS://reg.example.com", "must be written in lowercase"),
                arguments("a mixed-case scheme", "Http://reg.example.com", "must be written in lowercase"),
                arguments("another scheme", "ftp://reg.example.com", "scheme 'ftp://' is not supported"),
                arguments("an OCI scheme", "oci://reg.example.com/team", "scheme 'oci://' is not supported"),
                arguments("two schemes", "https://http://reg.example.com", "second scheme"),
                arguments("a scheme and nothing else", "https://", "has no host"),
                arguments("a port without host", ":5000", "has no host"),
                arguments("a path without host", "/team", "has no host"),
                arguments("user information without host", "user@", "has no host"),
                arguments("a double dot in the host", "reg..example.com", "empty label"),
                arguments("a leading dot in the host", ".example.com", "empty label"),
                arguments("a trailing dot in the host", "example.com.", "empty label"),
                arguments("a glob character class", "reg[0-9].example.com", "glob character classes are not supported"),
                arguments("a stray closing bracket", "reg].example.com", "glob character classes are not supported"),
                arguments("an IPv6 host without port, which never matches", "[::1]", "needs a port"),
                arguments("an IPv6 host with an empty port", "[::1]:", "needs a port"),
                arguments("an IPv6 host with a path but no port", "[::1]/team", "needs a port"),
                arguments("text after an IPv6 host", "[::1]x:5000", "may only be followed by ':port'"),
                arguments("brackets around something else", "[registry]:5000", "is not an IPv6 address"),
                arguments("too many IPv6 groups", "[1:2:3:4:5:6:7:8:9]:5000", "is not an IPv6 address"),
                arguments("two '::' in an IPv6 address", "[1::2::3]:5000", "is not an IPv6 address"),
                arguments("an IPv6 group of five digits", "[12345::1]:5000", "is not an IPv6 address"),
                arguments("embedded IPv4, which no image reference can contain", "[::ffff:1.2.3.4]:5000", "is not an IPv6 address"),
                arguments("an unclosed bracket", "[::1:5000", "no closing ']'"),
                arguments("a wildcard port", "reg.example.com:*", "ports cannot be wildcards"),
                arguments("a named port", "reg.example.com:https", "port must be digits"),
                arguments("two ports", "reg.example.com:50:00", "port must be digits"),
                arguments("a symbol in the host", "reg$.example.com", "host contains '$'"),
                arguments("a non-ASCII host", "régistry.com", "host contains U+00E9"),
                arguments("an emoji in the path", "reg.example.com/\uD83D\uDE00", "path contains U+D83D"),
                arguments("a wildcard in the path", "reg.example.com/team/*", "wildcards are only supported in the host"),
                arguments("an uppercase path, which no image has", "reg.example.com/Team", "uppercase"),
                arguments("a tag in the path, which lookups never carry", "reg.example.com/app:v1", "path contains ':'"),
                arguments("a digest in the path", "reg.example.com/app@sha256", "path contains '@'"),
                arguments("an empty path segment", "reg.example.com//team", "empty segment"),
                arguments("an empty path segment after /v2/", "reg.example.com/v2//team", "empty segment"),
                arguments("a character no image path has", "reg.example.com/te~am", "path contains '~'"),
                arguments("user information url.Parse refuses", "us[er@reg.example.com", "user information before '@' contains '['"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refusedPatterns")
    void refusesKeysTheKubeletIgnoresOrThatNeverMatch(String description, String key, String message) {
        assertThatThrownBy(() -> RegistryPattern.parse(key))
                .isInstanceOf(InvalidRegistryPatternException.class)
                .hasMessageContaining(message);
    }

    /**
     * Generated keys are either refused with a message or give components that keep their documented shape; nothing
     * else may escape (configuration and source secrets are user input too).
     */
    @Test
    void acceptsOrRefusesGeneratedKeysWithoutSurprises() {
        List<String> tokens = List.of("a", "Z", "0", ".", "-", "_", "*", "/", ":", "@", "[", "]", "::1", "5000", "v1/",
                "/v2/", "https://", "http://", "HTTPS://", "index.docker.io", "?", "#", "%", " ", "é", "\uD83D", "~", "\\");
        Random random = new Random(99);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                key.append(tokens.get(random.nextInt(tokens.size())));
            }
            RegistryPattern pattern;
            try {
                pattern = RegistryPattern.parse(key.toString());
            } catch (InvalidRegistryPatternException e) {
                assertThat(e.getMessage()).isNotBlank();
                continue;
            }
            accepted++;
            assertThat(pattern.key()).isEqualTo(key.toString());
            assertThat(pattern.host()).isNotEmpty().doesNotContain("/", "@", "?", "#", "%", " ");
            assertThat(pattern.port()).matches("[0-9]*");
            assertThat(pattern.path()).matches("(/[a-z0-9._-]+)*/?").isNotEqualTo("/");
        }
        assertThat(accepted).isBetween(500, 19_000);
    }
}
