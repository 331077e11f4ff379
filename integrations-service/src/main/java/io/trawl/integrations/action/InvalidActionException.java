package io.trawl.integrations.action;

/**
 * An action request that no attempt can perform as it stands: a missing or mistyped parameter, a refused target,
 * a kind nobody handles. Dead-lettered at once, with this message.
 */
public class InvalidActionException extends Exception {

    public InvalidActionException(String message) {
        super(message);
    }

    public InvalidActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
