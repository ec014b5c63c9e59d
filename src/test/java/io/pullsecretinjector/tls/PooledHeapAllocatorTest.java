package io.pullsecretinjector.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class PooledHeapAllocatorTest {

    private final ByteBufAllocator channel = new UnpooledByteBufAllocator(true);
    private final PooledByteBufAllocator pool = new PooledByteBufAllocator(false);
    private final ByteBufAllocator allocator = new PooledHeapAllocator(channel, pool);

    @Test
    void heapBuffersAndPlainBuffersComeFromThePoolAndAreHeapBuffers() {
        List<Function<ByteBufAllocator, ByteBuf>> heapCalls = List.of(ByteBufAllocator::heapBuffer,
                a -> a.heapBuffer(16_709), a -> a.heapBuffer(64, 1024), ByteBufAllocator::buffer,
                a -> a.buffer(16_709), a -> a.buffer(64, 1024));
        for (Function<ByteBufAllocator, ByteBuf> call : heapCalls) {
            ByteBuf buffer = call.apply(allocator);
            try {
                // Vert.x copies buffers of a PooledByteBufAllocator before application code sees them
                assertThat(buffer.alloc()).isSameAs(pool);
                assertThat(buffer.hasArray()).isTrue();
            } finally {
                buffer.release();
            }
        }
        assertThat(pool.metric().heapArenas().stream().mapToLong(a -> a.numAllocations()).sum())
                .isEqualTo(heapCalls.size());
    }

    @Test
    void directAndIoBuffersComeFromTheChannelsAllocator() {
        for (ByteBuf buffer : List.of(allocator.directBuffer(), allocator.directBuffer(128), allocator.ioBuffer(128),
                allocator.compositeBuffer())) {
            try {
                assertThat(buffer.alloc()).isSameAs(channel);
            } finally {
                buffer.release();
            }
        }
        assertThat(allocator.isDirectBufferPooled()).isEqualTo(channel.isDirectBufferPooled());
    }

    @Test
    void wrappingTwiceKeepsOneLayer() {
        ByteBufAllocator once = PooledHeapAllocator.around(channel);
        assertThat(PooledHeapAllocator.around(once)).isSameAs(once);
    }
}
