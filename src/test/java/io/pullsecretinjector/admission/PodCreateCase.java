package io.pullsecretinjector.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One endpoint case: a review, and the secrets the Pod must end with ({@code null}: no patch expected).
 *
 * @param name             a sentence saying what is expected
 * @param review           the AdmissionReview request
 * @param pullSecrets      {@code spec.imagePullSecrets} names after the patch, or {@code null} for "no patch"
 * @param injected         expected value of the injected annotation after the patch
 * @param warningFragment  text one of the warnings must contain, or {@code null} for "no warnings"
 */
record PodCreateCase(String name, ObjectNode review, List<String> pullSecrets, String injected,
                     String warningFragment) {

    static PodCreateCase patched(String name, ObjectNode review, List<String> pullSecrets, String injected) {
        return new PodCreateCase(name, review, pullSecrets, injected, null);
    }

    static PodCreateCase unchanged(String name, ObjectNode review) {
        return new PodCreateCase(name, review, null, null, null);
    }

    PodCreateCase warning(String fragment) {
        return new PodCreateCase(name, review, pullSecrets, injected, fragment);
    }

    @Override
    public String toString() {
        return name;
    }
}
