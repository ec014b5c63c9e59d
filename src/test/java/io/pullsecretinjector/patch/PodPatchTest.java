package io.pullsecretinjector.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.pullsecretinjector.admission.AdmissionResponseWriter;
import io.pullsecretinjector.injection.PodView;
import io.pullsecretinjector.testing.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every patch shape applied with zjsonpatch to the Pod it was built for, as the API server would apply it.
 */
class PodPatchTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("a Pod without imagePullSecrets or annotations gets both created",
                        "{\"metadata\":{\"name\":\"p\"},\"spec\":{}}", List.of("a", "b"),
                        "{\"metadata\":{\"name\":\"p\",\"annotations\":{\"pull-secret-injector.io/injected\":\"a,b\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}"),
                Arguments.of("a Pod with an empty list and empty annotations gets both replaced whole",
                        "{\"metadata\":{\"annotations\":{}},\"spec\":{\"imagePullSecrets\":[]}}", List.of("a"),
                        "{\"metadata\":{\"annotations\":{\"pull-secret-injector.io/injected\":\"a\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"a\"}]}}"),
                Arguments.of("a Pod with secrets gets new ones appended after the existing ones",
                        "{\"metadata\":{\"annotations\":{\"x/y\":\"z\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"sa\"}]}}", List.of("a", "b"),
                        "{\"metadata\":{\"annotations\":{\"x/y\":\"z\",\"pull-secret-injector.io/injected\":\"a,b\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"sa\"},{\"name\":\"a\"},{\"name\":\"b\"}]}}"),
                Arguments.of("an earlier injected annotation is merged, each name once",
                        "{\"metadata\":{\"annotations\":{\"pull-secret-injector.io/injected\":\"b, a\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"b\"}]}}", List.of("a", "c"),
                        "{\"metadata\":{\"annotations\":{\"pull-secret-injector.io/injected\":\"b,a,c\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"b\"},{\"name\":\"a\"},{\"name\":\"c\"}]}}"),
                Arguments.of("a Pod without metadata gets metadata with the annotation",
                        "{\"spec\":{}}", List.of("a"),
                        "{\"metadata\":{\"annotations\":{\"pull-secret-injector.io/injected\":\"a\"}},"
                                + "\"spec\":{\"imagePullSecrets\":[{\"name\":\"a\"}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void patchAppliesToThePodItWasBuiltFor(String name, String pod, List<String> names, String expected)
            throws Exception {
        JsonNode document = Json.parse(pod);
        List<PatchOperation> ops = PodPatch.adding(view(document), names);

        ArrayNode patch = (ArrayNode) Json.MAPPER.readTree(new AdmissionResponseWriter().patchBytes(ops));
        assertThat(patch).allSatisfy(op -> assertThat(op.get("op").asText()).isEqualTo("add"));
        assertThat(Json.apply(patch, document)).isEqualTo(Json.parse(expected));
    }

    @ParameterizedTest(name = "{0}: nothing to add, no operation")
    @MethodSource("shapes")
    void nothingToAddMeansNoOperation(String name, String pod, List<String> names, String expected) {
        assertThat(PodPatch.adding(view(Json.parse(pod)), List.of())).isEmpty();
    }

    /** The view the admission reader would make of {@code pod}. */
    private static PodView view(JsonNode pod) {
        JsonNode annotations = pod.path("metadata").path("annotations");
        List<String> secrets = pod.path("spec").path("imagePullSecrets").findValuesAsText("name");
        JsonNode injected = annotations.get("pull-secret-injector.io/injected");
        return new PodView("p", null, false, List.of(), secrets, pod.has("metadata"),
                annotations.size() > 0, injected == null ? null : injected.asText());
    }
}
