package io.trawl.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.Attachment;
import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.action.SnapshotFiles;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code slackBot}: a message posted with a bot {@code token} to {@code channel} ({@code chat.postMessage}),
 * with one attachment ({@code pretext}, {@code text}, {@code color}, {@code fields}), then its {@code files}
 * uploaded into the message's thread through Slack's current upload flow
 * ({@code files.getUploadURLExternal}, the upload, {@code files.completeUploadExternal}; the SDK's
 * {@code filesUploadV2}).
 *
 * <p>Every file is read before the message is posted, so that a snapshot not stored yet retries without a
 * message. When an upload fails after the message was posted, the handler remembers the message (for the last
 * {@value #POSTED_REMEMBERED} requests), and the retry uploads into it instead of posting again; after a restart,
 * or on another replica, the retry posts the message again.
 */
public final class SlackBotHandler implements ActionHandler {

    static final int POSTED_REMEMBERED = 1000;

    private final Slack slack;
    private final Map<String, String> posted = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > POSTED_REMEMBERED;
        }
    });
    private final Supplier<Optional<SnapshotFiles>> snapshots;
    private final long maxFileBytes;

    /** @param snapshots the snapshot store, when this service has one (looked up per request) */
    public SlackBotHandler(Slack slack, Supplier<Optional<SnapshotFiles>> snapshots, long maxFileBytes) {
        this.slack = slack;
        this.snapshots = snapshots;
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SLACK_BOT;
    }

    @Override
    public void handle(ActionRequest action) throws Exception {
        ActionParams params = ActionParams.parse("slackBot", action.params());
        String token = params.string("token");
        String channel = params.string("channel");
        Attachment attachment = SlackAttachments.of(params, true);
        List<SlackFile> files = new ArrayList<>();
        for (ActionParams file : params.objects("files")) {
            files.add(SlackFile.read(file, snapshots.get(), maxFileBytes));
        }
        MethodsClient methods = slack.methods(token);
        String ts = posted.get(action.id());
        if (ts == null) {
            ts = post(methods, channel, attachment);
        }
        if (!files.isEmpty()) {
            posted.put(action.id(), ts);
            upload(methods, channel, ts, files);
            posted.remove(action.id());
        }
    }

    /** Posts the message; its {@code ts}, which names it (and its thread). */
    private static String post(MethodsClient methods, String channel, Attachment attachment) throws Exception {
        ChatPostMessageResponse response;
        try {
            response = methods.chatPostMessage(r -> r.channel(channel).attachments(List.of(attachment)));
        } catch (SlackApiException e) {
            throw SlackFailures.status("chat.postMessage", e);
        } catch (IOException e) {
            throw SlackFailures.io("chat.postMessage", e);
        }
        if (!response.isOk()) {
            throw SlackFailures.error("chat.postMessage", response.getError());
        }
        return response.getTs();
    }

    private static void upload(MethodsClient methods, String channel, String threadTs, List<SlackFile> files)
            throws Exception {
        List<FilesUploadV2Request.UploadFile> uploads = files.stream().map(f -> FilesUploadV2Request.UploadFile
                .builder().filename(f.name()).title(f.name()).fileData(f.bytes()).build()).toList();
        FilesUploadV2Response uploaded;
        try {
            uploaded = methods.filesUploadV2(r -> r.channel(channel).threadTs(threadTs).uploadFiles(uploads)
                    .requestFileInfo(false));
        } catch (SlackApiException e) {
            throw SlackFailures.status("files upload", e);
        } catch (IOException e) {
            throw SlackFailures.io("files upload", e);
        } catch (SlackFilesUploadV2Exception e) {
            throw uploadFailure(e);
        }
        if (!uploaded.isOk()) {
            throw SlackFailures.error("files.completeUploadExternal", uploaded.getError());
        }
    }

    /** Which step of the upload failed, and whether retrying it may help. */
    private static Exception uploadFailure(SlackFilesUploadV2Exception e) {
        for (FilesGetUploadURLExternalResponse response : e.getGetURLResponses()) {
            if (!response.isOk()) {
                return SlackFailures.error("files.getUploadURLExternal", response.getError());
            }
        }
        if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
            return SlackFailures.error("files.completeUploadExternal", e.getCompleteResponse().getError());
        }
        StringBuilder codes = new StringBuilder();
        e.getUploadResponses().values().forEach(r -> codes.append(' ').append(r.getCode()));
        return new RetryableActionException("slack: uploading a file failed, HTTP" + codes, e);
    }
}
