package io.trawl.dissect.stream;

/** Which way bytes travel in a conversation: the client is the side that opened it (sent the SYN or the first datagram). */
public enum Direction {
    CLIENT_TO_SERVER, SERVER_TO_CLIENT;

    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
