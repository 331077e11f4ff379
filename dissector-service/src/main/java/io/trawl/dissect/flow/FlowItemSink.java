package io.trawl.dissect.flow;

import io.trawl.model.item.Item;

/** Receives the items of a flow table with the flow key of the conversation they come from. */
@FunctionalInterface
public interface FlowItemSink {
    void emit(byte[] flowKey, Item item);
}
