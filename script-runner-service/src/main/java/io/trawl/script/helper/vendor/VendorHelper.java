package io.trawl.script.helper.vendor;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

import io.trawl.model.action.ActionKind;
import io.trawl.script.helper.Arguments;
import io.trawl.script.helper.GuestObject;
import io.trawl.script.helper.Helper;
import io.trawl.script.helper.HelperException;
import io.trawl.script.helper.PlainValues;
import io.trawl.script.helper.ScriptScope;
import io.trawl.script.helper.action.ScriptActions;

/**
 * {@code vendor}: Kubeshark's integration helpers, as actions that integrations-service performs with retries.
 * <ul>
 *   <li>{@code vendor.slack(webhookUrl, pretext, text, color?)}: a message through an incoming webhook;</li>
 *   <li>{@code vendor.slackBot(token, channel, pretext, text, color?, fields?, files?)}: a message through the bot
 *       API, with fields and files (text, or a PCAP snapshot by id);</li>
 *   <li>{@code vendor.webhook(method, url, body?, headers?)}: an HTTP request; an object body is sent as JSON;</li>
 *   <li>{@code vendor.s3.put(bucket, key, content, contentType?)}: an object, with credentials and endpoint from
 *       integrations-service's configuration (Kubeshark takes a local path, a region and keys).</li>
 * </ul>
 * Each checks its arguments (a {@code TypeError} at the calling line for a wrong one), publishes one action and
 * returns {@code undefined} at once: nothing waits for Slack, the endpoint or S3. See {@link ScriptActions} for
 * secrets, bounds and dry runs.
 */
public final class VendorHelper implements Helper {

    /** S3's rule for bucket names (the common, DNS-compatible part of it). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1024;
    private static final String JSON = "application/json";

    private final ScriptActions actions;

    public VendorHelper(ScriptActions actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    @Override
    public String global() {
        return "vendor";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        var members = new LinkedHashMap<String, Object>();
        members.put("slack", scope.function("vendor.slack", values -> slack(scope, new Arguments(values))));
        members.put("slackBot", scope.function("vendor.slackBot", values -> slackBot(scope, new Arguments(values))));
        members.put("webhook", scope.function("vendor.webhook", values -> webhook(scope, new Arguments(values))));
        members.put("s3", GuestObject.of(Map.of("put", scope.function("vendor.s3.put", values -> {
            if (values.length > 4) {
                throw HelperException.badArgument("takes (bucket, key, content, contentType?), was given "
                        + values.length + " arguments: credentials, region and endpoint come from "
                        + "integrations-service's configuration, and there are no local files to upload");
            }
            return s3Put(scope, new Arguments(values));
        }))));
        return GuestObject.of(members);
    }

    private Object slack(ScriptScope scope, Arguments args) {
        var params = new LinkedHashMap<String, Object>();
        params.put("webhookUrl", HttpTargets.url(args.string(0, "webhookUrl"), "webhookUrl"));
        params.put("pretext", args.string(1, "pretext"));
        params.put("text", args.string(2, "text"));
        params.put("color", args.string(3, "color", ""));
        actions.publish(scope, "vendor.slack", ActionKind.SLACK, params);
        return scope.undefined();
    }

    private Object slackBot(ScriptScope scope, Arguments args) {
        var params = new LinkedHashMap<String, Object>();
        params.put("token", args.nonBlank(0, "token"));
        params.put("channel", args.nonBlank(1, "channel"));
        params.put("pretext", args.string(2, "pretext"));
        params.put("text", args.string(3, "text"));
        params.put("color", args.string(4, "color", ""));
        params.put("fields", SlackParts.fields(args, 5));
        params.put("files", SlackParts.files(args, 6));
        actions.publish(scope, "vendor.slackBot", ActionKind.SLACK_BOT, params);
        return scope.undefined();
    }

    private Object webhook(ScriptScope scope, Arguments args) {
        String method = HttpTargets.method(args.string(0, "method"));
        String url = HttpTargets.url(args.string(1, "url"), "url");
        Content body = content(args, 2, "body", false);
        var headers = new LinkedHashMap<>(args.stringMap(3, "headers", false));
        HttpTargets.headers(headers);
        if (body.json() && !HttpTargets.has(headers, "Content-Type")) {
            headers.put("Content-Type", JSON);
        }
        var params = new LinkedHashMap<String, Object>();
        params.put("method", method);
        params.put("url", url);
        params.put("body", body.text());
        params.put("headers", headers);
        actions.publish(scope, "vendor.webhook", ActionKind.WEBHOOK, params);
        return scope.undefined();
    }

    private Object s3Put(ScriptScope scope, Arguments args) {
        String bucket = args.string(0, "bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw HelperException.badArgument("bucket \"" + bucket + "\" is not a valid S3 bucket name: use 3 to 63 "
                    + "lowercase letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        String key = args.nonBlank(1, "key");
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw HelperException.badArgument("key is longer than S3's " + MAX_KEY_BYTES + " bytes");
        }
        Content content = content(args, 2, "content", true);
        var params = new LinkedHashMap<String, Object>();
        params.put("bucket", bucket);
        params.put("key", key);
        params.put("content", content.text());
        params.put("contentType", args.string(3, "contentType", content.json() ? JSON : "text/plain; charset=utf-8"));
        actions.publish(scope, "vendor.s3.put", ActionKind.S3_PUT, params);
        return scope.undefined();
    }

    /** A string as it is, or an object or array as JSON; absent is empty text unless {@code required}. */
    private static Content content(Arguments args, int index, String name, boolean required) {
        if (args.absent(index) && !required) {
            return new Content("", false);
        }
        Value value = args.value(index);
        if (value != null && value.isString()) {
            return new Content(value.asString(), false);
        }
        if (value != null && (Arguments.isObject(value) || value.hasArrayElements())) {
            return new Content(PlainValues.json(PlainValues.of(value)), true);
        }
        throw HelperException.badArgument(name + " must be a string, or an object or array sent as JSON, was "
                + Arguments.describe(value));
    }

    private record Content(String text, boolean json) {
    }

    @Override
    public void forget(String script) {
        actions.forget(script);
    }
}
