package io.trawl.dissect.item;

import io.trawl.model.item.Item;

/** Where dissectors put the items they make. */
@FunctionalInterface
public interface ItemSink {
    void emit(Item item);
}
