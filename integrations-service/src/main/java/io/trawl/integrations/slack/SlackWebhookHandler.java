package io.trawl.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.webhook.Payload;
import com.slack.api.webhook.WebhookResponse;
import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.webhook.TargetGuard;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

import java.io.IOException;
import java.util.List;

/**
 * {@code slack}: one message through an incoming webhook ({@code webhookUrl}), carrying one attachment with the
 * request's {@code pretext}, {@code text} and {@code color}. The URL passes the {@link TargetGuard} first. Slack
 * answers 200 {@code ok}; 429 and 5xx are retried, any other answer ({@code invalid_payload},
 * {@code no_service}, ...) is dead-lettered.
 */
public final class SlackWebhookHandler implements ActionHandler {

    private final Slack slack;
    private final TargetGuard guard;

    public SlackWebhookHandler(Slack slack, TargetGuard guard) {
        this.slack = slack;
        this.guard = guard;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SLACK;
    }

    @Override
    public void handle(ActionRequest action) throws Exception {
        ActionParams params = ActionParams.parse("slack", action.params());
        String url = guard.check("slack: params.webhookUrl", params.string("webhookUrl")).toString();
        Payload payload = Payload.builder().attachments(List.of(SlackAttachments.of(params, false))).build();
        WebhookResponse response;
        try {
            response = slack.send(url, payload);
        } catch (IOException e) {
            throw SlackFailures.io("incoming webhook", e);
        }
        int code = response.getCode();
        if (code == 200) {
            return;
        }
        List<String> retryAfter = response.getHeaders() == null ? null : response.getHeaders().get("retry-after");
        throw SlackFailures.status("slack: incoming webhook answered HTTP " + code
                        + (response.getBody() == null || response.getBody().isBlank() ? "" : ": " + abbreviate(response.getBody())),
                code, retryAfter == null || retryAfter.isEmpty() ? null : retryAfter.getFirst(), null);
    }

    private static String abbreviate(String body) {
        String line = body.strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
