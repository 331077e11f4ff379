package io.trawl.integrations.slack;

import com.slack.api.model.Attachment;
import com.slack.api.model.Field;
import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.InvalidActionException;

import java.util.ArrayList;
import java.util.List;

/**
 * The one attachment both Slack kinds send, as Kubeshark's helpers do: {@code pretext} above it, {@code text} in
 * it, {@code color} on its edge, and for {@code slackBot} its {@code fields} ({@code title}, {@code value},
 * {@code short}).
 */
final class SlackAttachments {

    private SlackAttachments() {
    }

    static Attachment of(ActionParams params, boolean withFields) throws InvalidActionException {
        Attachment.AttachmentBuilder attachment = Attachment.builder()
                .pretext(params.optionalString("pretext", null))
                .text(params.optionalString("text", null))
                .color(params.optionalString("color", null));
        if (withFields) {
            List<Field> fields = new ArrayList<>();
            for (ActionParams field : params.objects("fields")) {
                fields.add(Field.builder().title(field.optionalString("title", ""))
                        .value(field.optionalString("value", ""))
                        .valueShortEnough(field.optionalBoolean("short", false)).build());
            }
            if (!fields.isEmpty()) {
                attachment.fields(fields);
            }
        }
        return attachment.build();
    }
}
