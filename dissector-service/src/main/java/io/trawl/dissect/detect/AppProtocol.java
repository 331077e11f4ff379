package io.trawl.dissect.detect;

/** The application protocols Trawl dissects. */
public enum AppProtocol {
    HTTP, DNS
}
