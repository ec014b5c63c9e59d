package io.pullsecretinjector.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestBodyTest {

    private static final byte[] BODY = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final long NO_LIMIT = Long.MAX_VALUE;

    static Stream<Arguments> arrivals() {
        int n = BODY.length;
        return Stream.of(
                // description, Content-Length (-1: chunked), chunk sizes in arrival order
                arguments("a body in one chunk is read in place", (long) n, List.of(n)),
                arguments("a body in several chunks is gathered", (long) n, List.of(10, 20, n - 30)),
                arguments("a body in one-byte chunks is gathered", (long) n, ones(n)),
                arguments("a chunked body without a length is gathered", -1L, List.of(7, n - 7)),
                arguments("a chunked body in one chunk is gathered", -1L, List.of(n)),
                arguments("a body longer than declared is gathered whole", (long) n - 5, List.of(n - 5, 5)),
                arguments("a body shorter than declared is what arrived", (long) n + 9, List.of(n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivals")
    void holdsExactlyTheBytesThatArrived(String description, long declared, List<Integer> chunks) {
        RequestBody body = new RequestBody(declared, NO_LIMIT);

        int at = 0;
        for (int size : chunks) {
            assertThat(body.append(chunkAtAnOffset(BODY, at, size))).isTrue();
            at += size;
        }

        assertThat(body.length()).isEqualTo(BODY.length);
        assertThat(Arrays.copyOfRange(body.bytes(), body.offset(), body.offset() + BODY.length)).isEqualTo(BODY);
    }

    @Test
    void aBodyReadInPlaceIsCopiedBeforeAnythingIsAddedToIt() {
        byte[] first = Arrays.copyOf(BODY, 20);
        RequestBody body = new RequestBody(20, NO_LIMIT);
        Buffer chunk = chunkAtAnOffset(first, 0, 20);

        body.append(chunk);
        // two bytes: they would fit in the spare room of the first chunk's array, which must not be written
        body.append(chunkAtAnOffset(BODY, 20, 2));

        assertThat(Arrays.copyOfRange(body.bytes(), body.offset(), body.offset() + 22))
                .isEqualTo(Arrays.copyOf(BODY, 22));
        assertThat(chunk.getBytes()).as("the first chunk is left as it was").isEqualTo(first);
        byte[] around = chunk.getByteBuf().array();
        assertThat(new String(around, StandardCharsets.UTF_8)).as("nor the array around it")
                .isEqualTo("###" + new String(first, StandardCharsets.UTF_8) + "###");
    }

    @Test
    void refusesAChunkThatTakesTheBodyOverTheLimit() {
        RequestBody body = new RequestBody(-1, 30);

        assertThat(body.append(chunkAtAnOffset(BODY, 0, 30))).isTrue();
        assertThat(body.append(chunkAtAnOffset(BODY, 30, 1))).isFalse();
    }

    @Test
    void countsButDoesNotKeepABodyDeclaredOverTheReadableSize() {
        RequestBody body = new RequestBody(AdmissionHandler.MAX_BODY_BYTES + 1L, NO_LIMIT);

        body.append(chunkAtAnOffset(BODY, 0, BODY.length));

        assertThat(body.length()).isEqualTo(BODY.length);
        assertThat(body.bytes()).isEmpty();
    }

    /** A Vert.x buffer over {@code bytes[from, from + size)} whose backing array holds other bytes around it. */
    private static Buffer chunkAtAnOffset(byte[] bytes, int from, int size) {
        byte[] backing = new byte[size + 6];
        Arrays.fill(backing, (byte) '#');
        System.arraycopy(bytes, from, backing, 3, size);
        return Buffer.buffer(Unpooled.wrappedBuffer(backing).slice(3, size));
    }

    private static List<Integer> ones(int n) {
        return Stream.generate(() -> 1).limit(n).toList();
    }
}
