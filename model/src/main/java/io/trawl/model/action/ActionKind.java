package io.trawl.model.action;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an action asks integrations-service to do; the wire name is the helper that asked for it.
 *
 * <p>The {@code params} object of each kind (all strings unless said otherwise; any string may hold
 * {@code ${env:KEY}} references to secret values, resolved only by integrations-service):
 * <ul>
 *   <li>{@code slack}: {@code webhookUrl}, {@code pretext}, {@code text}, {@code color}</li>
 *   <li>{@code slackBot}: {@code token}, {@code channel}, {@code pretext}, {@code text}, {@code color},
 *       {@code fields} (array of {@code {title, value, short}}), {@code files} (array of {@code {name, content}}
 *       or {@code {name, snapshot}} naming a snapshot id)</li>
 *   <li>{@code webhook}: {@code method}, {@code url}, {@code body}, {@code headers} (object of strings)</li>
 *   <li>{@code s3.put}: {@code bucket}, {@code key}, {@code content}, {@code contentType}</li>
 *   <li>{@code pcap.snapshot}: {@code snapshot} (the id it will have), {@code from} and {@code to} (ms since the
 *       epoch, numbers), optional {@code flows}, {@code addresses}, {@code ports} (arrays), {@code reason}</li>
 * </ul>
 */
public enum ActionKind {
    SLACK("slack"),
    SLACK_BOT("slackBot"),
    WEBHOOK("webhook"),
    S3_PUT("s3.put"),
    PCAP_SNAPSHOT("pcap.snapshot");

    private final String wireName;

    ActionKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException naming the known kinds if {@code name} is none of them */
    public static ActionKind fromWireName(String name) {
        for (ActionKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown action kind '" + name + "'; known: "
                + Arrays.stream(values()).map(ActionKind::wireName).collect(Collectors.joining(", ")));
    }
}
