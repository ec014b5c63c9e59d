package io.pullsecretinjector.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A TLS connection's buffer allocator: heap buffers (and {@code buffer()}, which Vert.x's allocator answers with heap
 * buffers) from Netty's pool, direct and I/O buffers from the allocator Vert.x gave the channel.
 *
 * <p>Why: with the JDK's TLS engine Netty's {@code SslHandler} encrypts every outgoing record into a fresh heap buffer
 * of the engine's packet size (~16.7 KB, however short the answer) and decrypts every incoming one into another, and
 * Vert.x's channel allocator pools only direct buffers. Those were 43% and 9% of all bytes the event loops allocated
 * under load (async-profiler, {@code event=alloc}, {@code typical} at 32 connections), hence most young collections. Pooled heap buffers are safe with Vert.x: before
 * it hands received data to application code it copies any buffer whose allocator is a {@link PooledByteBufAllocator}
 * ({@code VertxHandler.safeBuffer}), and Netty releases written buffers itself.
 */
final class PooledHeapAllocator implements ByteBufAllocator {

    private final ByteBufAllocator channelAllocator;
    private final ByteBufAllocator heapPool;

    PooledHeapAllocator(ByteBufAllocator channelAllocator, PooledByteBufAllocator heapPool) {
        this.channelAllocator = channelAllocator;
        this.heapPool = heapPool;
    }

    /** The channel's allocator with heap buffers from Netty's shared pool; idempotent. */
    static ByteBufAllocator around(ByteBufAllocator channelAllocator) {
        return channelAllocator instanceof PooledHeapAllocator ? channelAllocator
                : new PooledHeapAllocator(channelAllocator, PooledByteBufAllocator.DEFAULT);
    }

    @Override
    public ByteBuf heapBuffer() {
        return heapPool.heapBuffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return heapPool.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return heapPool.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf buffer() {
        return heapPool.heapBuffer();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return heapPool.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return heapPool.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return channelAllocator.ioBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return channelAllocator.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return channelAllocator.ioBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
        return channelAllocator.directBuffer();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        return channelAllocator.directBuffer(initialCapacity);
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return channelAllocator.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return channelAllocator.compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return channelAllocator.compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return channelAllocator.compositeHeapBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return channelAllocator.compositeHeapBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return channelAllocator.compositeDirectBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return channelAllocator.compositeDirectBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return channelAllocator.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return channelAllocator.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
