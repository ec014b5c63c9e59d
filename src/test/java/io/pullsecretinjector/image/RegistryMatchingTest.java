package io.pullsecretinjector.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pattern × image → match, with the image normalised first, as the kubelet looks it up (image-matching.md §3). */
class RegistryMatchingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // description, pattern, image, matches
                arguments("an exact host matches its images", "registry.example.com", "registry.example.com/app:1", true),
                arguments("an exact host does not match a longer host ending with it", "example.com", "evilexample.com/app", false),
                arguments("an exact host does not match its subdomains", "example.com", "a.example.com/app", false),
                arguments("hosts are compared case-sensitively", "Registry.Example.com", "registry.example.com/app", false),
                arguments("an uppercase registry is matched in its own case", "Registry.Example.com", "Registry.Example.com/app", true),
                arguments("localhost matches localhost images", "localhost", "localhost/app", true),
                arguments("an uppercase one-label registry matches", "Foo", "Foo/bar", true),
                arguments("a name re-read as a path is matched on its first component", "my_registry.com", "my_registry.com/foo", true),

                arguments("docker.io matches official images", "docker.io", "nginx", true),
                arguments("docker.io matches Hub user images", "docker.io", "bitnami/kafka:3", true),
                arguments("index.docker.io matches Hub images (project decision)", "index.docker.io", "nginx", true),
                arguments("the Docker Hub v1 URL matches Hub images", "https://index.docker.io/v1/", "nginx:1.25", true),
                arguments("index.docker.io does not reach localhost (no kubelet Hub fallback)", "index.docker.io", "localhost/app", false),
                arguments("index.docker.io does not reach uppercase registries", "https://index.docker.io/v1/", "Foo/bar", false),
                arguments("registry-1.docker.io does not match Hub images", "registry-1.docker.io", "nginx", false),
                arguments("docker.io/nginx never matches nginx, looked up as docker.io/library/nginx", "docker.io/nginx", "nginx", false),
                arguments("docker.io/library matches official images", "docker.io/library", "nginx", true),
                arguments("index.docker.io/library matches official images (project decision)", "index.docker.io/library", "nginx", true),
                arguments("a Hub namespace prefix matches that namespace", "docker.io/bitnami", "bitnami/kafka", true),
                arguments("a Hub namespace prefix does not match official images", "docker.io/bitnami", "nginx", false),

                arguments("equal ports match", "reg.example.com:5000", "reg.example.com:5000/app", true),
                arguments("different ports do not match", "reg.example.com:5000", "reg.example.com:5001/app", false),
                arguments("a pattern with a port does not match an image without one", "reg.example.com:5000", "reg.example.com/app", false),
                arguments("a pattern without a port does not match an image with one", "reg.example.com", "reg.example.com:5000/app", false),
                arguments("port 443 is not implied", "reg.example.com:443", "reg.example.com/app", false),
                arguments("an empty port is no port", "reg.example.com:", "reg.example.com/app", true),
                arguments("port 0 matches port 0", "reg.example.com:0", "reg.example.com:0/app", true),

                arguments("http:// is stripped before matching", "http://reg.example.com", "reg.example.com/app", true),
                arguments("https:// with a path is stripped before matching", "https://reg.example.com/team", "reg.example.com/team/app", true),
                arguments("/v2/ before a path is dropped", "reg.example.com/v2/team", "reg.example.com/team/app", true),
                arguments("/v2 without trailing slash stays a path", "reg.example.com/v2", "reg.example.com/team/app", false),
                arguments("user information is ignored", "user:pw@reg.example.com", "reg.example.com/app", true),

                arguments("a path prefix matches below it", "reg.example.com/team", "reg.example.com/team/app", true),
                arguments("a path prefix matches the repository itself", "reg.example.com/team/app", "reg.example.com/team/app:v1", true),
                arguments("a path prefix is not segment-aware", "reg.example.com/team", "reg.example.com/teamster/app", true),
                arguments("a path prefix matches a longer last component", "bar.example.com/pong", "bar.example.com/pongz", true),
                arguments("a path prefix does not match other paths", "reg.example.com/team", "reg.example.com/other/app", false),
                arguments("a trailing slash needs a deeper path", "reg.example.com/team/", "reg.example.com/team", false),
                arguments("a trailing slash matches below it", "reg.example.com/team/", "reg.example.com/team/app", true),
                arguments("a path prefix longer than the path does not match", "reg.example.com/team/app/x", "reg.example.com/team/app", false),

                arguments("*.example.com does not match example.com", "*.example.com", "example.com/app", false),
                arguments("*.example.com matches one more label", "*.example.com", "a.example.com/app", true),
                arguments("*.example.com does not match two more labels", "*.example.com", "a.b.example.com/app", false),
                arguments("*.*.example.com does not match example.com", "*.*.example.com", "example.com/app", false),
                arguments("*.*.example.com does not match one more label", "*.*.example.com", "a.example.com/app", false),
                arguments("*.*.example.com matches two more labels", "*.*.example.com", "a.b.example.com/app", true),
                arguments("*example.com matches example.com, the star being empty", "*example.com", "example.com/app", true),
                arguments("*example.com matches myexample.com", "*example.com", "myexample.com/app", true),
                arguments("*example.com does not match a subdomain", "*example.com", "a.example.com/app", false),
                arguments("*.io matches every Docker Hub image", "*.io", "nginx", true),
                arguments("*.io does not match a three-label host", "*.io", "registry.k8s.io/pause", false),
                arguments("* matches a one-label host", "*", "localhost/app", true),
                arguments("* does not match a host with a port", "*", "localhost:5000/app", false),
                arguments("* matches an uppercase one-label registry", "*", "Foo/bar", true),
                arguments("* does not match a two-label host", "*", "reg.example.com/app", false),
                arguments("*:5000 matches a one-label host on that port", "*:5000", "localhost:5000/app", true),
                arguments("a star inside a label needs the literal part", "reg-*.example.com", "reg.example.com/app", false),
                arguments("a star inside a label matches the rest", "reg-*.example.com", "reg-eu.example.com/app", true),
                arguments("several stars in one label backtrack", "a*b*c.io", "abxbyc.io/app", true),
                arguments("several stars in one label still need every literal", "a*b*c.io", "abxbyd.io/app", false),
                arguments("a wildcard with a port needs that port", "*.example.com:5000", "a.example.com/app", false),
                arguments("a wildcard with a port matches that port", "*.example.com:5000", "a.example.com:5000/app", true),
                arguments("a wildcard with a path needs the path", "*.example.com/team", "a.example.com/other", false),
                arguments("a wildcard with a path matches below it", "*.example.com/team", "a.example.com/team/app", true),
                arguments("wildcard literals are case-sensitive", "*.Example.com", "a.example.com/app", false),
                arguments("a wildcard does not match a host merely containing the suffix", "*.example.com", "a.example.com.evil.io/app", false),

                arguments("an IPv6 host with a port matches", "[::1]:5000", "[::1]:5000/app", true),
                arguments("an IPv6 host with another port does not match", "[::1]:5000", "[::1]:5001/app", false),
                arguments("an IPv6 pattern does not match the address without port", "[::1]:5000", "[::1]/app", false),
                arguments("an IPv6 pattern with a path matches below it", "[2001:db8::1]:5000/team", "[2001:db8::1]:5000/team/app", true),
                arguments("IPv6 text is compared as written, not as an address", "[::1]:5000", "[0:0:0:0:0:0:0:1]:5000/app", false),
                arguments("a star matches an IPv6 address once the port removed its brackets", "*:5000", "[::1]:5000/app", true),
                arguments("a star matches a bracketed IPv6 host without port as one label", "*", "[2001:db8::1]/repo", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAsTheKubeletDoes(String description, String pattern, String image, boolean matches) throws Exception {
        String name = ImageReference.parse(image).name();
        assertThat(RegistryPattern.parse(pattern).matches(name)).as("%s matches %s", pattern, name).isEqualTo(matches);
    }

    /** Each pattern would match if the name's host part were read loosely; the kubelet's url.Parse refuses them. */
    static Stream<Arguments> namesNoImageProduces() {
        return Stream.of(
                // description, name, pattern
                arguments("a missing name", null, "*"),
                arguments("an empty name", "", "*"),
                arguments("a name without host", "/app", "*"),
                arguments("a name with a named port", "reg:http/app", "reg"),
                arguments("a name with an empty port", "reg:/app", "reg"),
                arguments("a name with two colons", "a:b:5000/app", "*:5000"),
                arguments("a name with an empty label", "a..b/app", "a.*.b"),
                arguments("a name with an unclosed bracket", "[::1/app", "*"),
                arguments("a name with text after the brackets", "[::1]x/app", "*"),
                arguments("a name with a space in the host", "a b/app", "*"),
                arguments("a name with a star in the host", "*/app", "*"));
    }

    @ParameterizedTest(name = "{0} matches nothing")
    @MethodSource("namesNoImageProduces")
    void aNameNoImageCanHaveMatchesNothing(String description, String name, String pattern) throws Exception {
        assertThat(RegistryPattern.parse(pattern).matches(name)).isFalse();
    }
}
