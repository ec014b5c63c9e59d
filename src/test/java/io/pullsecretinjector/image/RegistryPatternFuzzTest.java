package io.pullsecretinjector.image;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of registry patterns and matching (Jazzer): a few fuzzed patterns and a fuzzed image name.
 * Properties: parsing throws nothing but {@link InvalidRegistryPatternException}; a parsed pattern's key parses to
 * the same pattern; and {@link RegistryIndex#matching} finds exactly the rules whose {@link RegistryPattern#matches}
 * is true, in configuration order (the index is an optimisation, never a different answer).
 */
class RegistryPatternFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void matches(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 6);
        List<RegistryRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = data.consumeString(80);
            RegistryPattern pattern;
            try {
                pattern = RegistryPattern.parse(key);
            } catch (InvalidRegistryPatternException e) {
                continue;
            }
            try {
                assertThat(RegistryPattern.parse(pattern.key())).isEqualTo(pattern);
            } catch (InvalidRegistryPatternException e) {
                throw new AssertionError("key of a parsed pattern does not parse again: " + key, e);
            }
            rules.add(RegistryRule.usable(pattern, List.of("s" + i), "fuzz"));
        }
        String image = data.consumeRemainingAsString();
        String name;
        try {
            name = ImageReference.parse(image).name();
        } catch (InvalidImageReferenceException e) {
            name = image; // match() must also survive names no reference produces
        }
        List<RegistryRule> expected = new ArrayList<>();
        for (RegistryRule rule : rules) {
            if (rule.pattern().matches(name)) {
                expected.add(rule);
            }
        }
        assertThat(RegistryIndex.of(rules).matching(name)).as("index vs linear scan for %s", name)
                .containsExactlyElementsOf(expected);
    }
}
