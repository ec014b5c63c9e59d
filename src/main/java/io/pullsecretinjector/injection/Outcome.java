package io.pullsecretinjector.injection;

/** What happened to one admission request; the label of the admissions metric. */
public enum Outcome {
    /** Secrets were added. */
    PATCHED("patched"),
    /** Audit namespace: secrets would have been added; nothing was changed. */
    AUDITED("audited"),
    /**
     * The Pod was eligible and already had every secret it needs (or needs none); also an ephemeral container added
     * by {@code kubectl debug}, which is checked but never changed.
     */
    UNCHANGED("unchanged"),
    /** The request was not considered: not a Pod CREATE, opted out, mirror Pod, or the Pod could not be read. */
    SKIPPED("skipped"),
    /** The envelope was malformed and answered with HTTP 400. */
    REJECTED("rejected");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
