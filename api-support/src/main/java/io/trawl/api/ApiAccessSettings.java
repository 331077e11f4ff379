package io.trawl.api;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Who may call a Trawl service's REST API, and how much a request may send ({@code trawl.api.*}). Every service
 * with an API reads the same properties, so one set of tokens opens all of them.
 *
 * @param editorTokens    bearer tokens that may read and change; each at least 16 characters. When no token at all
 *                        is configured, one editor token is generated at start and logged once
 * @param viewerTokens    bearer tokens that may read (and run what changes nothing), but change nothing
 * @param maxRequestBytes largest request body of any kind; larger ones are refused before they are read
 */
@Validated
@ConfigurationProperties("trawl.api")
public record ApiAccessSettings(
        List<String> editorTokens,
        List<String> viewerTokens,
        @NotNull @DefaultValue("32MB") DataSize maxRequestBytes) {

    /** Shortest token accepted: shorter ones are guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public ApiAccessSettings {
        editorTokens = List.copyOf(editorTokens == null ? List.of() : editorTokens);
        viewerTokens = List.copyOf(viewerTokens == null ? List.of() : viewerTokens);
        checkTokens("trawl.api.editor-tokens", editorTokens);
        checkTokens("trawl.api.viewer-tokens", viewerTokens);
    }

    private static void checkTokens(String property, List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null || token.strip().length() < MIN_TOKEN_LENGTH || !token.equals(token.strip())) {
                // Never the token itself in the message: it is a secret.
                throw new IllegalArgumentException(property + "[" + i + "] must be at least " + MIN_TOKEN_LENGTH
                        + " characters without surrounding spaces");
            }
        }
    }

    /** Never shows the tokens, only how many there are. */
    @Override
    public String toString() {
        return "ApiAccessSettings[editorTokens=" + editorTokens.size() + " configured, viewerTokens="
                + viewerTokens.size() + " configured, maxRequestBytes=" + maxRequestBytes + "]";
    }
}
