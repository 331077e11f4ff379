package io.trawl.dissect.dns;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.item.ItemSink;
import io.trawl.dissect.stream.DatagramDissector;
import io.trawl.dissect.stream.Direction;
import io.trawl.dissect.stream.StreamDissector;
import io.trawl.model.item.ItemError;
import io.trawl.model.item.Protocol;

/**
 * DNS over UDP (one message per datagram) or over TCP (length-prefixed messages, framed by
 * {@link DnsTcpFramer} per direction), one instance per flow. A query and the response with the same id coming
 * the other way make one item; what is left unpaired is emitted alone with an error:
 * <ul>
 *   <li>{@code timeout}: no response within {@link DissectorLimits#transactionTimeoutNanos()} (checked at every
 *       message, in {@link #expire} and on {@link #close}), or the client sent a new query with the same id, or a
 *       UDP flow closed while the query waited;</li>
 *   <li>{@code connection}: the TCP connection closed while the query waited, or ended inside a message;</li>
 *   <li>{@code pair-not-found}: a response whose query was not seen, or a query evicted because more than
 *       {@link DissectorLimits#maxOpenTransactions()} were waiting;</li>
 *   <li>{@code dissection}: the message is malformed (the reason names what and where); it still pairs by id
 *       when its header is readable;</li>
 *   <li>{@code gap}: bytes of the message were lost in capture, or TCP framing was lost for a direction.</li>
 * </ul>
 * Sizes are DNS message bytes, without TCP's 2-byte length prefix.
 */
public final class DnsDissector implements DatagramDissector, StreamDissector {

    private final DnsTransactions transactions;
    private final boolean tcp;
    private final DnsTcpFramer[] framers = new DnsTcpFramer[2];

    private DnsDissector(FlowContext flow, DissectorLimits limits, ItemSink sink, boolean tcp) {
        this.tcp = tcp;
        this.transactions = new DnsTransactions(flow, Protocol.dns(tcp ? "tcp" : "udp"), limits, sink);
        for (Direction direction : Direction.values()) {
            framers[direction.ordinal()] = new DnsTcpFramer(
                    (buffer, offset, length, ts) -> transactions.message(direction, buffer, offset, length, ts));
        }
    }

    public static DnsDissector udp(FlowContext flow, DissectorLimits limits, ItemSink sink) {
        return new DnsDissector(flow, limits, sink, false);
    }

    public static DnsDissector tcp(FlowContext flow, DissectorLimits limits, ItemSink sink) {
        return new DnsDissector(flow, limits, sink, true);
    }

    @Override
    public void datagram(Direction direction, byte[] buffer, int offset, int length, long timestampNanos) {
        transactions.message(direction, buffer, offset, length, timestampNanos);
    }

    @Override
    public void data(Direction direction, byte[] buffer, int offset, int length, long timestampNanos) {
        framers[direction.ordinal()].feed(buffer, offset, length, timestampNanos);
    }

    @Override
    public void gap(Direction direction, long missing, long timestampNanos) {
        DnsTcpFramer framer = framers[direction.ordinal()];
        if (framer.state() == DnsTcpFramer.State.STOPPED) {
            return;
        }
        DnsTcpFramer.Partial damaged = framer.gap(missing);
        String stopped = framer.state() == DnsTcpFramer.State.STOPPED
                ? "; message boundaries are lost, so the rest of the " + name(direction) + " stream is not dissected"
                : "";
        if (damaged != null) {
            incomplete(direction, damaged, new ItemError(ItemError.GAP, missing + " bytes lost in capture inside "
                    + describe(damaged) + stopped));
        } else if (!stopped.isEmpty()) {
            transactions.report(timestampNanos, new ItemError(ItemError.GAP, missing + " bytes lost in capture"
                    + " between messages" + stopped));
        }
    }

    @Override
    public void end(Direction direction, boolean reset, long timestampNanos) {
        DnsTcpFramer.Partial cut = framers[direction.ordinal()].end();
        if (cut != null) {
            incomplete(direction, cut, new ItemError(ItemError.CONNECTION, name(direction) + " stream ended by "
                    + (reset ? "RST" : "FIN") + " inside " + describe(cut)));
        }
    }

    @Override
    public void expire(long nowNanos) {
        transactions.expire(nowNanos);
    }

    @Override
    public void close(long timestampNanos, String reason) {
        for (Direction direction : Direction.values()) {
            DnsTcpFramer.Partial cut = framers[direction.ordinal()].end();
            if (cut != null) {
                incomplete(direction, cut, new ItemError(ItemError.CONNECTION, "connection closed (" + reason
                        + ") inside " + describe(cut)));
            }
        }
        transactions.close(timestampNanos, tcp
                ? new ItemError(ItemError.CONNECTION, "connection closed (" + reason + ") before a response")
                : new ItemError(ItemError.TIMEOUT, "no response before the flow closed (" + reason + ")"));
    }

    private void incomplete(Direction direction, DnsTcpFramer.Partial partial, ItemError error) {
        byte[] received = partial.received();
        long length = partial.length() < 0 ? received.length : partial.length();
        transactions.damaged(direction, received, 0, received.length, length, partial.timestampNanos(), error);
    }

    private static String describe(DnsTcpFramer.Partial partial) {
        return partial.length() < 0 ? "a length prefix"
                : "a " + partial.length() + "-byte message after " + partial.received().length + " bytes";
    }

    private static String name(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? "client-to-server" : "server-to-client";
    }
}
