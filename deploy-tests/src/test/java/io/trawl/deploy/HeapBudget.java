package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a container's memory limit its JVM may take as heap, from the flags that bound the heap:
 * {@code -XX:MaxRAMPercentage=P} (P% of the limit, which the JVM reads from the cgroup) or {@code -Xmx}
 * (absolute). Exactly one of them must be given: a JVM with neither takes 25% (too little for Trawl's services),
 * one with both follows -Xmx and makes the percentage a lie.
 */
final class HeapBudget {

    private static final Pattern PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

    private HeapBudget() {
    }

    /** The heap's share of {@code limit}, between 0 and 1 (or above, for an -Xmx larger than the limit). */
    static double fractionOf(String flags, Quantity limit) {
        List<String> percentages = all(PERCENTAGE.matcher(flags));
        Matcher xmx = XMX.matcher(flags);
        boolean hasXmx = xmx.find();
        if (percentages.size() + (hasXmx ? 1 : 0) != 1) {
            throw new IllegalArgumentException("JVM flags '" + flags
                    + "' must bound the heap exactly once, with -XX:MaxRAMPercentage or -Xmx");
        }
        if (hasXmx) {
            BigDecimal limitBytes = Quantity.getAmountInBytes(limit);
            return bytes(xmx.group(1), xmx.group(2)) / limitBytes.doubleValue();
        }
        return Double.parseDouble(percentages.getFirst()) / 100;
    }

    private static List<String> all(Matcher matcher) {
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static double bytes(String amount, String unit) {
        long scale = switch (unit.toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        return Double.parseDouble(amount) * scale;
    }
}
