package io.trawl.dissect.offline;

import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;

import java.io.OutputStream;

/** Where {@link OfflineDissection} writes its items: one JSON object a line, in the order emitted. */
interface ItemLineWriter {

    void write(Item item);

    /** Writes what is left and flushes the output (which it does not close). */
    void finish();

    /** Lets go of what it holds, finished or not (after a failure, say); never throws. */
    void stop();

    /** Items written in the dissecting thread itself. */
    static ItemLineWriter direct(OutputStream out) {
        ItemJson.Writer json = ItemJson.writer(out);
        return new ItemLineWriter() {
            @Override
            public void write(Item item) {
                json.writeLine(item);
            }

            @Override
            public void finish() {
                json.flush();
            }

            @Override
            public void stop() {
            }
        };
    }
}
