package io.trawl.integrations.action;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;

/**
 * The request a throttle window ends with: its latest folded request, marked with how many were folded. Slack
 * messages get a line {@code +N more in the last W} appended to their text; webhook calls get a header
 * {@value #COUNT_HEADER}{@code : N} (their body is the script's and stays as it is).
 */
final class ThrottleSummary {

    static final String COUNT_HEADER = "X-Trawl-Throttled-Count";

    private ThrottleSummary() {
    }

    static ActionRequest of(ActionRequest latest, int folded, Duration window) {
        String params = latest.params();
        try {
            JsonNode node = ActionParams.JSON.readTree(params);
            if (node instanceof ObjectNode object) {
                if (latest.kind() == ActionKind.WEBHOOK) {
                    JsonNode headers = object.get("headers");
                    ObjectNode amended = headers instanceof ObjectNode h ? h : object.putObject("headers");
                    amended.put(COUNT_HEADER, Integer.toString(folded));
                } else {
                    String text = object.path("text").asString("");
                    object.put("text", (text.isEmpty() ? "" : text + "\n") + "+" + folded + " more in the last "
                            + describe(window));
                }
                params = ActionParams.JSON.writeValueAsString(object);
            }
        } catch (JacksonException e) {
            // Unreadable params: the summary goes as the request was, and its delivery refuses it.
        }
        return new ActionRequest(latest.id() + "~summary", latest.kind(), latest.script(), latest.scriptVersion(),
                latest.origin(), latest.node(), latest.createdTime(), latest.throttleKey(), params);
    }

    /** What identifies a message for throttling when the script gave no key: where it goes and what it says. */
    static String targetAndText(ActionRequest action) {
        try {
            JsonNode p = ActionParams.JSON.readTree(action.params());
            return switch (action.kind()) {
                case SLACK -> join(p, "webhookUrl", "pretext", "text");
                case SLACK_BOT -> join(p, "channel", "pretext", "text");
                case WEBHOOK -> join(p, "method", "url", "body");
                default -> action.params();
            };
        } catch (JacksonException e) {
            return action.params();
        }
    }

    private static String join(JsonNode params, String... fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            out.append(params.path(field).asString("")).append('\n');
        }
        return out.toString();
    }

    static String describe(Duration window) {
        return window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms";
    }
}
