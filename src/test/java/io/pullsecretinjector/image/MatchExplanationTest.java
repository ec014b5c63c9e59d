package io.pullsecretinjector.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Explanations say why a pattern does not match, and agree with {@link RegistryPattern#matches} everywhere. */
class MatchExplanationTest {

    static Stream<Arguments> reasons() {
        return Stream.of(
                // description, pattern, image, expected fragment of the only reason
                arguments("a pattern with a port and an image without one differ in port",
                        "registry.example.com:5000", "registry.example.com/app", "port differs: the pattern has port 5000, the image has no port"),
                arguments("a pattern without a port and an image with one differ in port",
                        "registry.example.com", "registry.example.com:5000/app", "port differs: the pattern has no port, the image has port 5000"),
                arguments("a wildcard does not reach two labels deep",
                        "*.example.com", "a.b.example.com/app", "label count differs: the pattern host \"*.example.com\" has 3"),
                arguments("a subdomain has more labels than its parent",
                        "registry.example.com", "eu.registry.example.com/app", "label count differs"),
                arguments("a path prefix that the image path does not start with",
                        "ghcr.io/acme", "ghcr.io/other/api", "path prefix differs: the image path \"/other/api\" does not start with \"/acme\""),
                arguments("hosts differing only in case",
                        "Registry.Example.com", "registry.example.com/app", "host differs in case"),
                arguments("a wildcard label that does not glob the image label",
                        "*.dkr.ecr.us-east-1.amazonaws.com", "1234.dkr.ecr.us-east-2.amazonaws.com/api",
                        "label \"us-east-1\" of the pattern does not match \"us-east-2\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void namesTheDifference(String description, String pattern, String image, String fragment) throws Exception {
        RegistryPattern parsed = RegistryPattern.parse(pattern);
        String name = ImageReference.parse(image).name();

        assertThat(MatchExplanation.whyNot(parsed, name)).singleElement().asString().contains(fragment);
        assertThat(MatchExplanation.near(parsed, name)).as("near").isTrue();
    }

    @Test
    void everyDifferenceIsNamedAtOnce() throws Exception {
        List<String> why = MatchExplanation.whyNot(RegistryPattern.parse("registry.example.com:5000/team"),
                ImageReference.parse("eu.registry.example.com/other/app").name());
        assertThat(why).hasSize(3);
        assertThat(why.get(0)).startsWith("label count differs");
        assertThat(why.get(1)).startsWith("port differs");
        assertThat(why.get(2)).startsWith("path prefix differs");
    }

    @Test
    void anotherRegistryDomainIsNotNear() throws Exception {
        assertThat(MatchExplanation.near(RegistryPattern.parse("gcr.io"), ImageReference.parse("ghcr.io/a/b").name()))
                .isFalse();
        assertThat(MatchExplanation.near(RegistryPattern.parse("registry.example.com"),
                ImageReference.parse("docker.io/library/nginx").name())).isFalse();
    }

    /** Every pattern of the matching table against every image of it: no reason exactly when it matches. */
    @Test
    void agreesWithMatchesOnEveryPatternAndImageOfTheMatchingTable() {
        Set<RegistryPattern> patterns = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        RegistryMatchingTest.cases().forEach(arguments -> {
            Object[] values = arguments.get();
            try {
                patterns.add(RegistryPattern.parse((String) values[1]));
            } catch (InvalidRegistryPatternException ignored) {
                // refused patterns have nothing to explain
            }
            try {
                names.add(ImageReference.parse((String) values[2]).name());
            } catch (InvalidImageReferenceException ignored) {
                // invalid images are never matched
            }
        });
        List<String> disagreements = new ArrayList<>();
        for (RegistryPattern pattern : patterns) {
            for (String name : names) {
                if (pattern.matches(name) != MatchExplanation.whyNot(pattern, name).isEmpty()) {
                    disagreements.add(pattern.key() + " vs " + name);
                }
            }
        }
        assertThat(patterns.size() * names.size()).isGreaterThan(1000);
        assertThat(disagreements).isEmpty();
    }
}
