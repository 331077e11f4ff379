package io.trawl.integrations.action;

/**
 * The target answered that it will not take the request (a 4xx other than 408/425/429, a redirect, a Slack
 * {@code ok:false} such as {@code invalid_auth} or {@code channel_not_found}): dead-lettered at once.
 */
public class RejectedActionException extends Exception {

    public RejectedActionException(String message) {
        super(message);
    }
}
