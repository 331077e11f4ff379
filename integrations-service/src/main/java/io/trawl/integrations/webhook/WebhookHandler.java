package io.trawl.integrations.webhook;

import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.RejectedActionException;
import io.trawl.integrations.action.RetryAfter;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code webhook}: one HTTP request ({@code method}, default POST; {@code url}; {@code body}; {@code headers}) through
 * the JDK's HTTP client. A body goes as {@code application/json} unless the headers say otherwise.
 *
 * <p>2xx is delivered. 408, 425, 429, 5xx and I/O errors (timeouts included) are retried, after at least the
 * answer's {@code Retry-After}. Any other answer, redirects included (never followed), is dead-lettered with the
 * status and the start of the body. The target passes the {@link TargetGuard} first.
 */
public final class WebhookHandler implements ActionHandler, AutoCloseable {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<Integer> RETRYABLE = Set.of(408, 425, 429);
    private static final int BODY_SHOWN = 200;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final TargetGuard guard;

    public WebhookHandler(Duration connectTimeout, Duration requestTimeout, TargetGuard guard) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
        this.guard = guard;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.WEBHOOK;
    }

    @Override
    public void handle(ActionRequest action) throws Exception {
        ActionParams params = ActionParams.parse("webhook", action.params());
        String method = params.optionalString("method", "POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw params.invalid("method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        URI target = guard.check("webhook: params.url", params.string("url"));
        String body = params.optionalString("body", null);
        HttpRequest request = request(params, method, target, body);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RetryableActionException("webhook: " + method + " " + target + " failed: " + e, e);
        }
        int status = response.statusCode();
        String start = start(response);
        if (status >= 200 && status < 300) {
            return;
        }
        String answer = "webhook: " + method + " " + target + " answered " + status + (start.isEmpty() ? "" : ": " + start);
        if (RETRYABLE.contains(status) || status >= 500) {
            throw new RetryableActionException(answer, RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), Instant.now()).orElse(null), null);
        }
        throw new RejectedActionException(answer);
    }

    private HttpRequest request(ActionParams params, String method, URI target, String body)
            throws InvalidActionException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        for (Map.Entry<String, String> header : params.strings("headers").entrySet()) {
            try {
                builder.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw params.invalid("headers." + header.getKey(), "cannot be sent: " + e.getMessage());
            }
            typed |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    /** The first characters of the body, for the error; the rest is not read. */
    private static String start(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(BODY_SHOWN), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // The status alone decides the outcome; a body that breaks off only leaves the error without its start.
            return "";
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
