package io.pullsecretinjector.image;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of image-reference parsing (Jazzer). In {@code verify} this replays the committed inputs in
 * {@code src/test/resources/io/pullsecretinjector/image/ImageReferenceFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes
 * (see src/bench/README-performance.md). Properties: only {@link InvalidImageReferenceException} escapes, the answer
 * equals the regular-expression grammar of distribution/reference on short inputs, a lookup name normalises to itself
 * and splits into a host the index can look up.
 */
class ImageReferenceFuzzTest {

    /** The regex oracle backtracks; keep it to inputs where it answers quickly. */
    private static final int ORACLE_MAX_LENGTH = 160;

    @FuzzTest(maxDuration = "5m")
    void parse(FuzzedDataProvider data) {
        String image = data.consumeRemainingAsString();
        Optional<ImageReference> parsed;
        try {
            parsed = Optional.of(ImageReference.parse(image));
        } catch (InvalidImageReferenceException e) {
            parsed = Optional.empty();
        }
        if (image.length() <= ORACLE_MAX_LENGTH) {
            assertThat(parsed).as("parse(%s)", image).isEqualTo(RegexpReferenceOracle.parse(image));
        }
        if (parsed.isPresent()) {
            String name = parsed.get().name();
            assertThat(name).doesNotContain(":" + parsed.get().tag() + "@");
            ImageReference again;
            try {
                again = ImageReference.parse(name);
            } catch (InvalidImageReferenceException e) {
                throw new AssertionError("lookup name " + name + " of " + image + " does not parse", e);
            }
            assertThat(again.name()).isEqualTo(name);
            if (!parsed.get().domain().isEmpty()) {
                assertThat(LookupName.parse(name)).as("lookup split of %s", name).isNotNull();
            }
        }
    }
}
