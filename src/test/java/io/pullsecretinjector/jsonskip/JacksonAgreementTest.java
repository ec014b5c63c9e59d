package io.pullsecretinjector.jsonskip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.pullsecretinjector.testing.JsonMutants;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The skipping parser against Jackson's own, on real reviews, the bad-input corpus and thousands of mutants of the
 * reviews: walking each document and skipping every container at a given depth must produce the same tokens, names
 * and values, and fail on the same documents.
 *
 * <p>Each walk uses a new factory. Jackson's verdict on a field name depends on the names its factory has seen: it
 * validates a name's UTF-8 only when adding it to its symbol table, and pads a name's last 4-byte block with 0xFF, so
 * after {@code "f:restartPolicy"} it reads the invalid {@code "f:restartPol\xFFicy"} as that name instead of
 * rejecting it (found by this test). The skipper always rejects it.
 */
class JacksonAgreementTest {

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder().maxNestingDepth(200)
            .build();

    @Test
    void skippingAtEveryDepthSeesWhatJacksonSeesAndFailsWhereJacksonFails() {
        List<String> disagreements = new ArrayList<>();
        int[] rejected = {0};
        int[] total = {0};
        JsonMutants.samples(600, 20261203L).forEach(sample -> {
            for (int depth = 1; depth <= 5; depth++) {
                String expected = walk(new JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS).build(),
                        sample.bytes(), depth);
                String actual = walk(new SkippingJsonFactory(new JsonFactoryBuilder().streamReadConstraints(CONSTRAINTS)),
                        sample.bytes(), depth);
                total[0]++;
                rejected[0] += expected.startsWith("ERROR") ? 1 : 0;
                if (!expected.equals(actual)) {
                    disagreements.add(sample.name() + " at depth " + depth + ":\n  jackson:  " + tail(expected)
                            + "\n  skipping: " + tail(actual));
                }
            }
        });
        assertThat(disagreements).as("documents read differently").isEmpty();
        // The mutants must exercise both outcomes, or the comparison proves little.
        assertThat(rejected[0]).as("rejected walks of %d", total[0]).isBetween(total[0] / 10, total[0] * 9 / 10);
    }

    /** Tokens of the document, with every container that opens at {@code skipDepth} skipped; ERROR if it fails. */
    private static String walk(JsonFactory factory, byte[] document, int skipDepth) {
        StringBuilder seen = new StringBuilder();
        try (JsonParser p = factory.createParser(document)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                seen.append(t.id()).append(' ');
                if (t == JsonToken.FIELD_NAME) {
                    seen.append(p.currentName()).append(' ');
                } else if (t.isScalarValue()) {
                    seen.append(p.getText()).append(' ');
                } else if (t.isStructStart() && p.getParsingContext().getNestingDepth() == skipDepth) {
                    p.skipChildren();
                    seen.append("skipped:").append(p.currentToken().id()).append(' ');
                }
            }
            return seen.toString();
        } catch (IOException e) {
            return "ERROR after " + seen;
        }
    }

    private static String tail(String s) {
        return s.length() <= 300 ? s : "..." + s.substring(s.length() - 300);
    }
}
