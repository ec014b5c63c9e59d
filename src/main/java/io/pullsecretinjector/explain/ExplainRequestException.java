package io.pullsecretinjector.explain;

/** An explain request that cannot be answered as sent: HTTP 400 with this message. */
public final class ExplainRequestException extends Exception {

    public ExplainRequestException(String message) {
        super(message, null, false, false);
    }
}
