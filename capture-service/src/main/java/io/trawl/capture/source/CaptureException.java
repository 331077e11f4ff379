package io.trawl.capture.source;

/** A packet source that cannot start or go on, with a message that says what to do about it. */
public class CaptureException extends Exception {
    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
