package io.trawl.integrations.action;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds repeated messages into one. The first request of a script with a given throttle key is delivered at once
 * and opens a window; the same key within the window is only counted. When the window ends with a count, one
 * summary goes out (the latest request, marked "+N more in the last W") and a new window opens; a window that
 * ends without a count closes. A flood of identical alerts therefore yields the first one, then at most one
 * summary per window.
 *
 * <p>The key is the request's own {@code throttleKey}, else a hash of its kind, target and text. Only message
 * kinds ({@code slack}, {@code slackBot}, {@code webhook}) are throttled: folding {@code s3.put} or
 * {@code pcap.snapshot} would throw evidence away.
 *
 * <p>State lives in memory of one consumer thread (not thread-safe): a crash loses the counts of open windows,
 * never a first message, which is delivered before its offset is committed. At most {@code maxKeys} windows are
 * open; beyond that requests pass unthrottled.
 */
public final class Throttle {

    private final Duration window;
    private final int maxKeys;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    /** A summary due: the request to deliver, and the record the latest folded request came from. */
    public record Summary(ActionRequest action, byte[] key, DeliveryHeaders.History history) {
    }

    private static final class Window {
        long endMillis;
        int folded;
        ActionRequest latest;
        byte[] key;
        DeliveryHeaders.History history;
    }

    public Throttle(Duration window, int maxKeys) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("throttle window must be positive, was " + window);
        }
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** True when {@code action} is to be delivered now; false when it was folded into its key's window. */
    public boolean admit(ActionRequest action, byte[] recordKey, DeliveryHeaders.History history, long nowMillis) {
        if (!throttled(action.kind())) {
            return true;
        }
        String key = key(action);
        Window open = windows.get(key);
        if (open == null) {
            if (windows.size() < maxKeys) {
                Window fresh = new Window();
                fresh.endMillis = nowMillis + window.toMillis();
                windows.put(key, fresh);
            }
            return true;
        }
        // Also when the window has just ended but was not yet summarised: the summary right after counts it.
        open.folded++;
        open.latest = action;
        open.key = recordKey;
        open.history = history;
        return false;
    }

    /** The summaries of windows ended by {@code nowMillis}; their keys start new windows. */
    public List<Summary> due(long nowMillis) {
        List<Summary> due = new ArrayList<>();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (w.endMillis > nowMillis) {
                continue;
            }
            if (w.folded == 0) {
                it.remove();
                continue;
            }
            due.add(new Summary(ThrottleSummary.of(w.latest, w.folded, window), w.key, w.history));
            w.folded = 0;
            w.latest = null;
            w.endMillis = nowMillis + window.toMillis();
        }
        return due;
    }

    /** Milliseconds until the next window ends, or {@code Long.MAX_VALUE} with none open. */
    public long millisUntilNext(long nowMillis) {
        long next = Long.MAX_VALUE;
        for (Window w : windows.values()) {
            next = Math.min(next, Math.max(0, w.endMillis - nowMillis));
        }
        return next;
    }

    static boolean throttled(ActionKind kind) {
        return kind == ActionKind.SLACK || kind == ActionKind.SLACK_BOT || kind == ActionKind.WEBHOOK;
    }

    static String key(ActionRequest action) {
        String own = action.throttleKey();
        String basis = own != null ? "key\n" + own : "derived\n" + action.kind().wireName() + "\n"
                + ThrottleSummary.targetAndText(action);
        return action.script() + "\n" + sha256(basis);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
