package io.pullsecretinjector.admission;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * A request body being read from the network, kept up to {@link AdmissionHandler#MAX_BODY_BYTES} (beyond it only
 * counted: the handler answers 400 from the length alone, without holding megabytes it will not read).
 *
 * <p>A body that arrives in one chunk (every review up to Vert.x's 8 KB chunk size read in one go) is not copied at
 * all: the chunk is already the application's own heap copy (Vert.x copies pooled network buffers before handing
 * them out), so its array is read in place. Otherwise the chunks are copied once into an array sized from
 * {@code Content-Length}.
 */
final class RequestBody {

    private static final byte[] NONE = new byte[0];
    private static final int KEEP = AdmissionHandler.MAX_BODY_BYTES + 1;

    private final long declared;
    private final long max;
    private byte[] bytes = NONE;
    private int offset;
    /** {@link #bytes} is the first chunk's array, read in place: never written, copied before anything is added. */
    private boolean borrowed;
    private long length;
    private boolean discard;

    /** @param declared the {@code Content-Length}, or -1 when the body is chunked; @param max the 413 limit */
    RequestBody(long declared, long max) {
        this.declared = declared;
        this.max = max;
        discard = declared > AdmissionHandler.MAX_BODY_BYTES;
    }

    /** Appends a chunk; false once the body exceeds the 413 limit in total. */
    boolean append(Buffer chunk) {
        int n = chunk.length();
        long end = length + n;
        if (end > max) {
            return false;
        }
        discard |= end > AdmissionHandler.MAX_BODY_BYTES;
        if (!discard && !(length == 0 && n == declared && borrow(chunk.getByteBuf()))) {
            ensureOwnedCapacity((int) end);
            chunk.getBytes(0, n, bytes, (int) length);
        }
        length = end;
        return true;
    }

    private boolean borrow(ByteBuf whole) {
        if (!whole.hasArray()) {
            return false;
        }
        bytes = whole.array();
        offset = whole.arrayOffset() + whole.readerIndex();
        borrowed = true;
        return true;
    }

    private void ensureOwnedCapacity(int end) {
        if (!borrowed && end <= bytes.length) {
            return;
        }
        int capacity = bytes == NONE && declared >= end ? (int) declared
                : (int) Math.min(Math.max(end, 2L * bytes.length), KEEP);
        byte[] owned = new byte[capacity];
        System.arraycopy(bytes, offset, owned, 0, (int) length);
        bytes = owned;
        offset = 0;
        borrowed = false;
    }

    /** The array holding the body from {@link #offset()}; {@link #length()} bytes unless the body was too large. */
    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    /** Bytes received, possibly more than {@link #bytes()} holds. */
    long length() {
        return length;
    }
}
