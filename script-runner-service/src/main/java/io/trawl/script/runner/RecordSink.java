package io.trawl.script.runner;

/** Where a {@link TopicFeed} hands each record: the script workers, keyed by flow. */
@FunctionalInterface
interface RecordSink {

    void accept(byte[] key, byte[] value) throws InterruptedException;
}
