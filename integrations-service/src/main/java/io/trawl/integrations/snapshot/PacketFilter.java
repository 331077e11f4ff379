package io.trawl.integrations.snapshot;

import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.InvalidActionException;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.flow.FlowKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which packets of a window a snapshot keeps: those of any of the {@code flows} (see {@link FlowSelector}), from or
 * to any of the {@code addresses}, and with a TCP or UDP source or destination port among {@code ports}. Each
 * list left empty lets every packet through; the lists that are given must all match. A frame Trawl cannot
 * decode to IP passes a filter with no lists, or one with only {@code flows} naming its key in hex: evidence is
 * raw, but a filter on addresses or ports cannot say what such a frame holds.
 */
public final class PacketFilter {

    public static final PacketFilter ALL = new PacketFilter(List.of(), List.of(), List.of(), List.of(), Set.of());

    private final List<String> flows;
    private final List<String> addresses;
    private final List<Integer> ports;
    private final List<FlowSelector> flowSelectors;
    private final Set<ByteBuffer> addressBytes;
    private final Set<Integer> portSet;
    /** Whether a selector is an item's stream, so that a packet's flow key must be hashed to match it. */
    private final boolean hashFlowKeys;

    private PacketFilter(List<String> flows, List<String> addresses, List<Integer> ports,
                         List<FlowSelector> flowSelectors, Set<ByteBuffer> addressBytes) {
        this.flows = flows;
        this.addresses = addresses;
        this.ports = ports;
        this.flowSelectors = flowSelectors;
        this.addressBytes = addressBytes;
        this.portSet = Set.copyOf(ports);
        this.hashFlowKeys = flowSelectors.stream().anyMatch(FlowSelector::needsHash);
    }

    /** Reads the optional {@code flows}, {@code addresses} and {@code ports} arrays. */
    public static PacketFilter parse(ActionParams params) throws InvalidActionException {
        List<String> flows = params.stringList("flows");
        List<FlowSelector> selectors = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            try {
                selectors.add(FlowSelector.parse(flows.get(i)));
            } catch (IllegalArgumentException e) {
                throw params.invalid("flows[" + i + "]", e.getMessage());
            }
        }
        List<String> addresses = params.stringList("addresses");
        Set<ByteBuffer> addressBytes = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            try {
                addressBytes.add(ByteBuffer.wrap(Addresses.parse(addresses.get(i)).getAddress()));
            } catch (IllegalArgumentException e) {
                throw params.invalid("addresses[" + i + "]", e.getMessage());
            }
        }
        Set<Integer> ports = new TreeSet<>(params.intList("ports", 0, 65535));
        return new PacketFilter(List.copyOf(flows), List.copyOf(addresses), List.copyOf(ports), List.copyOf(selectors),
                Set.copyOf(addressBytes));
    }

    /** The flows as given. */
    public List<String> flows() {
        return flows;
    }

    /** The addresses as given. */
    public List<String> addresses() {
        return addresses;
    }

    /** The ports, sorted. */
    public List<Integer> ports() {
        return ports;
    }

    public boolean isEmpty() {
        return flowSelectors.isEmpty() && addressBytes.isEmpty() && portSet.isEmpty();
    }

    /** Whether the decoded packet passes; {@link #isEmpty()} filters need no decoding. */
    public boolean matches(DecodedPacket p) {
        if (isEmpty()) {
            return true;
        }
        if (p.layer == DecodedPacket.Layer.NONE || p.layer == DecodedPacket.Layer.LINK) {
            return !flowSelectors.isEmpty() && addressBytes.isEmpty() && portSet.isEmpty() && matchesFlow(p);
        }
        return matchesFlow(p) && matchesAddress(p) && matchesPort(p);
    }

    private boolean matchesFlow(DecodedPacket p) {
        if (flowSelectors.isEmpty()) {
            return true;
        }
        byte[] key = FlowKey.encode(p);
        String hash = hashFlowKeys ? FlowSelector.hash(key) : null;
        for (FlowSelector selector : flowSelectors) {
            if (selector.matches(key, hash)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAddress(DecodedPacket p) {
        if (addressBytes.isEmpty()) {
            return true;
        }
        int length = p.addressLength();
        return addressBytes.contains(ByteBuffer.wrap(p.data, p.srcAddrOffset, length))
                || addressBytes.contains(ByteBuffer.wrap(p.data, p.dstAddrOffset, length));
    }

    private boolean matchesPort(DecodedPacket p) {
        if (portSet.isEmpty()) {
            return true;
        }
        return p.layer == DecodedPacket.Layer.TRANSPORT
                && (p.protocol == DecodedPacket.TCP || p.protocol == DecodedPacket.UDP)
                && (portSet.contains(p.srcPort) || portSet.contains(p.dstPort));
    }
}
