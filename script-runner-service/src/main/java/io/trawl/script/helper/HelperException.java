package io.trawl.script.helper;

/**
 * Thrown by a helper function to make the calling script throw a JavaScript error it can catch:
 * {@link #badArgument} becomes a {@code TypeError}, {@link #refused} an {@code Error}. The message names what is
 * wrong; the function wrapper of {@link ScriptScope#function} puts the helper's name in front of it.
 */
public final class HelperException extends RuntimeException {

    private final boolean typeError;

    private HelperException(String message, boolean typeError) {
        super(message, null, false, false);
        this.typeError = typeError;
    }

    /** An argument is missing, of the wrong type or out of range: a {@code TypeError}. */
    public static HelperException badArgument(String message) {
        return new HelperException(message, true);
    }

    /** The arguments are fine but the call is refused (a bound reached, a conflict): an {@code Error}. */
    public static HelperException refused(String message) {
        return new HelperException(message, false);
    }

    /** True for a {@code TypeError}, false for a plain {@code Error}. */
    public boolean typeError() {
        return typeError;
    }
}
