package io.trawl.script.item;

import tools.jackson.databind.JsonNode;

/** How one JSON value of an item appears to a script. */
final class GuestValues {

    private GuestValues() {
    }

    /** A missing node (null) stays null, which a proxy member getter turns into {@code undefined}. */
    static Object of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return new ItemView(node);
        }
        if (node.isArray()) {
            return new ItemArrayView(node);
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (node.isIntegralNumber()) {
                if (node.canConvertToInt()) {
                    return node.intValue();
                }
                // JS numbers are doubles; beyond 2^53 precision is lost exactly as JSON.parse would lose it.
                return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
            }
            return node.doubleValue();
        }
        return node.asString();
    }
}
