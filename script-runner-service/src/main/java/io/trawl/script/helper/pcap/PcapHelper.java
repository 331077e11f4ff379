package io.trawl.script.helper.pcap;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

import io.trawl.model.action.ActionKind;
import io.trawl.script.helper.Arguments;
import io.trawl.script.helper.GuestObject;
import io.trawl.script.helper.Helper;
import io.trawl.script.helper.HelperException;
import io.trawl.script.helper.ScriptScope;
import io.trawl.script.helper.action.ScriptActions;

/**
 * {@code pcap.snapshot(options)} → id: asks integrations-service to write the packets of a time window as a PCAP,
 * read back from {@code trawl.packets}, and to store it write-once. Returns at once with the id the snapshot will
 * have, so that the script can name it in an alert ({@code files: [{name: "evidence.pcap", snapshot: id}]}).
 *
 * <p>{@code options}: {@code seconds} (the last N seconds) or {@code from} and {@code to} (ms since the epoch),
 * and optionally {@code flows} (items' {@code stream} values), {@code addresses} (IP literals), {@code ports} and
 * {@code reason}. A window longer than {@link io.trawl.script.helper.action.ActionLimits#maxSnapshotWindow} is
 * refused. Kubeshark's {@code pcap.snapshot(streams?, dir?)} merged a node's stream files; Trawl reads the
 * cluster's packets by time, so the window is what matters, and there is no directory.
 */
public final class PcapHelper implements Helper {

    /** What a snapshot id looks like: safe as a file name and as an object key. */
    public static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,159}");

    private static final List<String> OPTIONS = List.of("seconds", "from", "to", "flows", "addresses", "ports",
            "reason");
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int MAX_FLOWS = 1000;
    private static final int MAX_ADDRESSES = 100;
    private static final int MAX_PORTS = 100;
    private static final int MAX_REASON = 1000;

    private final ScriptActions actions;

    public PcapHelper(ScriptActions actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    @Override
    public String global() {
        return "pcap";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        return GuestObject.of(Map.of("snapshot", scope.function("pcap.snapshot",
                values -> snapshot(scope, new Arguments(values)))));
    }

    /** {@code id} when it is a valid snapshot id, else a {@code TypeError} naming {@code name}. */
    public static String snapshotId(String id, String name) {
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            throw HelperException.badArgument(name + " \"" + id + "\" is not a snapshot id: use the id "
                    + "pcap.snapshot returned");
        }
        return id;
    }

    private Object snapshot(ScriptScope scope, Arguments args) {
        Value options = args.object(0, "options");
        for (String key : options.getMemberKeys()) {
            if (!OPTIONS.contains(key)) {
                throw HelperException.badArgument("unknown option \"" + key + "\"; known: "
                        + String.join(", ", OPTIONS));
            }
        }
        Arguments o = Arguments.members(options, OPTIONS.toArray(String[]::new));
        long now = actions.now();
        long[] window = window(o, now);
        var params = new LinkedHashMap<String, Object>();
        String id = actions.snapshotId(scope, now);
        params.put("snapshot", id);
        params.put("from", window[0]);
        params.put("to", window[1]);
        optionalList(o, 3, "options.flows", MAX_FLOWS, params, "flows", PcapHelper::stream);
        optionalList(o, 4, "options.addresses", MAX_ADDRESSES, params, "addresses", PcapHelper::address);
        optionalList(o, 5, "options.ports", MAX_PORTS, params, "ports", PcapHelper::port);
        if (!o.absent(6)) {
            String reason = o.string(6, "options.reason");
            if (reason.length() > MAX_REASON) {
                throw HelperException.badArgument("options.reason is longer than " + MAX_REASON + " characters");
            }
            params.put("reason", reason);
        }
        actions.publish(scope, "pcap.snapshot", ActionKind.PCAP_SNAPSHOT, params, now);
        return id;
    }

    /** {@code [from, to]} in ms: the last {@code seconds} before {@code now}, or {@code from} and {@code to}. */
    private long[] window(Arguments o, long now) {
        boolean seconds = !o.absent(0);
        boolean from = !o.absent(1);
        boolean to = !o.absent(2);
        long[] window;
        if (seconds && (from || to)) {
            throw HelperException.badArgument("options take seconds, or from and to, not both");
        } else if (seconds) {
            double value = o.number(0, "options.seconds");
            if (value <= 0) {
                throw HelperException.badArgument("options.seconds must be more than 0, was " + o.value(0));
            }
            window = new long[] {now - Math.round(value * 1000), now};
        } else if (from && to) {
            window = new long[] {o.whole(1, "options.from"), o.whole(2, "options.to")};
            if (window[1] <= window[0]) {
                throw HelperException.badArgument("options.to (" + window[1] + ") must be after options.from ("
                        + window[0] + ")");
            }
        } else if (from || to) {
            throw HelperException.badArgument("options.from and options.to go together: "
                    + (from ? "to" : "from") + " is missing");
        } else {
            throw HelperException.badArgument("options need seconds (the last N seconds) or from and to (ms since "
                    + "the epoch)");
        }
        Duration length = Duration.ofMillis(window[1] - window[0]);
        Duration max = actions.limits().maxSnapshotWindow();
        if (length.compareTo(max) > 0) {
            throw HelperException.refused("a window of " + seconds(length) + " is longer than the " + seconds(max)
                    + " allowed (trawl.script.max-snapshot-window)");
        }
        return window;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0)) + " s";
    }

    /** Puts the checked elements of the array option {@code index} under {@code key}, when it is given. */
    private static void optionalList(Arguments o, int index, String name, int max, Map<String, Object> params,
                                     String key, BiFunction<Arguments, String, Object> element) {
        if (o.absent(index)) {
            return;
        }
        Value array = o.array(index, name);
        if (array.getArraySize() > max) {
            throw HelperException.badArgument(name + " has " + array.getArraySize() + " entries, more than the "
                    + max + " allowed");
        }
        var list = new ArrayList<>();
        for (int i = 0; i < array.getArraySize(); i++) {
            list.add(element.apply(Arguments.of(array.getArrayElement(i)), name + "[" + i + "]"));
        }
        params.put(key, list);
    }

    private static Object stream(Arguments element, String name) {
        String stream = element.string(0, name);
        if (!STREAM.matcher(stream).matches()) {
            throw HelperException.badArgument(name + " \"" + stream + "\" is not a flow: use an item's stream "
                    + "(data.stream)");
        }
        return stream;
    }

    private static Object address(Arguments element, String name) {
        String address = element.string(0, name);
        try {
            InetAddress.ofLiteral(address);
            return address;
        } catch (IllegalArgumentException e) {
            throw HelperException.badArgument(name + " \"" + address + "\" is not an IPv4 or IPv6 address");
        }
    }

    private static Object port(Arguments element, String name) {
        int port = element.integer(0, name);
        if (port < 1 || port > 65_535) {
            throw HelperException.badArgument(name + " must be a port from 1 to 65535, was " + port);
        }
        return port;
    }

    @Override
    public void forget(String script) {
        actions.forget(script);
    }
}
