package io.trawl.script.api;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The scripts REST API ({@code trawl.api.*}).
 *
 * @param editorTokens    bearer tokens that may read and change scripts; each at least 16 characters. When no
 *                        token at all is configured, one editor token is generated at start and logged once
 * @param viewerTokens    bearer tokens that may read, validate and test, but change nothing
 * @param maxSourceBytes  largest script source accepted (UTF-8 bytes), by create, update, validate and test
 * @param maxTestItems    most items one test request may carry
 * @param maxRequestBytes largest request body of any kind; larger ones are refused before they are read
 * @param streamTimeout   how long one console stream stays open; clients reconnect after it (EventSource does)
 * @param streamBuffer    lines buffered per console stream for a slow client before lines are dropped
 * @param streamHeartbeat how often an idle console stream sends a comment, so that dead clients are noticed
 * @param maxConcurrentDryRuns validations and tests (each runs a script on a request thread) at once; more wait
 *                        a few seconds, then get 429
 */
@Validated
@ConfigurationProperties("trawl.api")
public record ApiSettings(
        List<String> editorTokens,
        List<String> viewerTokens,
        @NotNull @DefaultValue("1MB") DataSize maxSourceBytes,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxTestItems,
        @NotNull @DefaultValue("32MB") DataSize maxRequestBytes,
        @NotNull @DefaultValue("30m") Duration streamTimeout,
        @Min(1) @Max(100_000) @DefaultValue("1000") int streamBuffer,
        @NotNull @DefaultValue("15s") Duration streamHeartbeat,
        @Min(1) @Max(1024) @DefaultValue("4") int maxConcurrentDryRuns) {

    /** Shortest token accepted: shorter ones are guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public ApiSettings {
        editorTokens = List.copyOf(editorTokens == null ? List.of() : editorTokens);
        viewerTokens = List.copyOf(viewerTokens == null ? List.of() : viewerTokens);
        checkTokens("trawl.api.editor-tokens", editorTokens);
        checkTokens("trawl.api.viewer-tokens", viewerTokens);
        if (maxSourceBytes != null && maxRequestBytes != null
                && maxRequestBytes.toBytes() < maxSourceBytes.toBytes()) {
            throw new IllegalArgumentException("trawl.api.max-request-bytes (" + maxRequestBytes
                    + ") must be at least trawl.api.max-source-bytes (" + maxSourceBytes + ")");
        }
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
        return "ApiSettings[editorTokens=" + editorTokens.size() + " configured, viewerTokens=" + viewerTokens.size()
                + " configured, maxSourceBytes=" + maxSourceBytes + ", maxTestItems=" + maxTestItems
                + ", maxRequestBytes=" + maxRequestBytes + ", streamTimeout=" + streamTimeout + ", streamBuffer="
                + streamBuffer + ", streamHeartbeat=" + streamHeartbeat + ", maxConcurrentDryRuns=" + maxConcurrentDryRuns
                + "]";
    }
}
