package io.trawl.integrations.action;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last {@code capacity} requests this replica delivered, so that a record read again (a commit
 * that failed, a partition that came back after a rebalance, a request published twice) is not sent twice.
 * In memory only: it does not survive a restart and is not shared between replicas. Thread-safe.
 */
public final class RecentIds {

    private final int capacity;
    private final Map<String, Boolean> ids;

    /** @param capacity ids kept; 0 keeps none */
    public RecentIds(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentIds.this.capacity;
            }
        };
    }

    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    public synchronized void add(String id) {
        if (capacity > 0) {
            ids.put(id, Boolean.TRUE);
        }
    }
}
