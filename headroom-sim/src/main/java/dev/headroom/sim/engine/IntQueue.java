package dev.headroom.sim.engine;

import java.util.Arrays;

/** A growable FIFO ring of ints (request slots waiting at a station). */
public final class IntQueue {
    private int[] items = new int[16];
    private int head;
    private int size;

    public void add(int value) {
        if (size == items.length) {
            int[] bigger = new int[items.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = items[(head + i) & (items.length - 1)];
            }
            items = bigger;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    public int poll() {
        int v = items[head];
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

    public void clear() {
        head = 0;
        size = 0;
        Arrays.fill(items, 0);
    }
}
