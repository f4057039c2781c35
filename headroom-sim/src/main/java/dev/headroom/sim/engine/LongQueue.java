package dev.headroom.sim.engine;

/** A growable FIFO ring of longs (commit times waiting to be applied on a replica). */
public final class LongQueue {
    private long[] items = new long[16];
    private int head;
    private int size;

    public void add(long value) {
        if (size == items.length) {
            long[] bigger = new long[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) & (items.length - 1)];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    public long peek() {
        return items[head];
    }

    public long poll() {
        long v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }
}
