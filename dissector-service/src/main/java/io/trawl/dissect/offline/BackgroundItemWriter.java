package io.trawl.dissect.offline;

import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes items as JSON lines on a thread of its own, in the order they were handed over, so that the
 * dissecting thread does not wait for the JSON. Items travel in batches through a bounded queue: at most
 * {@link #BATCH} × ({@link #QUEUED} + 2) items are in flight, and the dissecting thread waits when the writer
 * falls behind. Items are immutable once emitted (their text bytes are never written to again), so handing
 * them over is safe.
 *
 * <p>A failure to write (a closed pipe, a full disk) stops the writer; the next batch handed over or
 * {@link #finish} throws it in the dissecting thread, as the direct writer would have thrown it there.
 */
final class BackgroundItemWriter implements ItemLineWriter {

    static final int BATCH = 64;
    static final int QUEUED = 4;
    private static final List<Item> END = List.of();

    private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(QUEUED);
    private final ItemJson.Writer json;
    private final Thread thread;
    private volatile RuntimeException failure;
    private List<Item> batch = new ArrayList<>(BATCH);

    BackgroundItemWriter(OutputStream out) {
        this.json = ItemJson.writer(out);
        this.thread = Thread.ofPlatform().name("trawl-item-writer").daemon().unstarted(this::drain);
        thread.start();
    }

    @Override
    public void write(Item item) {
        batch.add(item);
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    @Override
    public void finish() {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>(0);
        }
        hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the items were written", e);
        }
        rethrow();
    }

    @Override
    public void stop() {
        thread.interrupt();
    }

    private void hand(List<Item> items) {
        checkWriter();
        try {
            // a writer that failed takes nothing more: stop waiting for it then
            while (!queue.offer(items, 50, TimeUnit.MILLISECONDS)) {
                checkWriter();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing items to the writer", e);
        }
    }

    private void rethrow() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void checkWriter() {
        rethrow();
        if (!thread.isAlive()) {
            throw new IllegalStateException("the item writer thread ended before its items were written");
        }
    }

    private void drain() {
        try {
            while (true) {
                List<Item> items = queue.take();
                if (items == END) {
                    json.flush();
                    return;
                }
                for (Item item : items) {
                    json.writeLine(item);
                }
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("the item writer was stopped", e);
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
