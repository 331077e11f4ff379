package io.trawl.model.item;

/**
 * Why an item is incomplete. Types as Kubeshark's: {@code dissection} (malformed data), {@code connection}
 * (reset or closed early), {@code timeout} (no answer in time), {@code pair-not-found}; and Trawl's
 * {@code gap} (bytes lost in capture inside the message).
 */
public record ItemError(String type, String msg) {
    public static final String DISSECTION = "dissection";
    public static final String CONNECTION = "connection";
    public static final String TIMEOUT = "timeout";
    public static final String PAIR_NOT_FOUND = "pair-not-found";
    public static final String GAP = "gap";
}
