package io.pullsecretinjector.admission;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * A request body being read from the network: copied once, from Vert.x's buffers straight into an array sized from
 * {@code Content-Length}, and kept up to {@link AdmissionHandler#MAX_BODY_BYTES} (beyond it only counted: the handler
 * answers 400 from the length alone, without holding megabytes it will not read).
 */
final class RequestBody {

    private static final byte[] NONE = new byte[0];
    private static final int KEEP = AdmissionHandler.MAX_BODY_BYTES + 1;

    private final long max;
    private byte[] bytes;
    private long length;
    private boolean discard;

    /** @param declared the {@code Content-Length}, or -1 when the body is chunked; @param max the 413 limit */
    RequestBody(long declared, long max) {
        this.max = max;
        discard = declared > AdmissionHandler.MAX_BODY_BYTES;
        bytes = declared <= 0 || discard ? NONE : new byte[(int) declared];
    }

    /** Appends a chunk; false once the body exceeds the 413 limit in total. */
    boolean append(Buffer chunk) {
        int n = chunk.length();
        long end = length + n;
        if (end > max) {
            return false;
        }
        discard |= end > AdmissionHandler.MAX_BODY_BYTES;
        if (!discard) {
            if (end > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(end, 2L * bytes.length), KEEP));
            }
            chunk.getBytes(0, n, bytes, (int) length);
        }
        length = end;
        return true;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Bytes received, possibly more than {@link #bytes()} holds. */
    long length() {
        return length;
    }
}
