package io.pullsecretinjector.admission;

/**
 * The body is not an AdmissionReview this webhook can answer (HTTP 400). Only envelope problems qualify: once the
 * request {@code uid} is known, everything else is answered {@code allowed: true} with a warning.
 */
public final class MalformedReviewException extends Exception {

    public MalformedReviewException(String message) {
        super(message, null, false, false);
    }
}
