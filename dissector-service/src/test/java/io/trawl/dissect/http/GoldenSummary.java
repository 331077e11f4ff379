package io.trawl.dissect.http;

import io.trawl.model.item.Item;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One line per item of a replayed capture, the fields worth pinning tab-separated: the golden baseline that
 * {@code HttpCaptureTest} compares with, made from the item's JSON so that what is pinned is what is published.
 */
final class GoldenSummary {

    static final String HEADER = "conn\tindex\tmethod\turl\tinterim\tstatus\terror\trequestSize\tresponseSize"
            + "\treqBody\trespBody\tcontentSize\tmimeType\ttext";
    private static final int TEXT_PREVIEW = 60;

    private GoldenSummary() {
    }

    static List<String> lines(List<CaptureReplay.Connection> connections) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (CaptureReplay.Connection c : connections) {
            for (Item item : c.items()) {
                lines.add(c.number() + "\t" + line(ItemJsonCheck.roundTrip(item)));
            }
        }
        return lines;
    }

    private static String line(JsonNode item) {
        JsonNode req = item.get("request");
        JsonNode resp = item.get("response");
        List<String> interim = new ArrayList<>();
        resp.path("_interimResponses").forEach(i -> interim.add(i.get("status").asString()));
        JsonNode content = resp.path("content");
        String text = content.path("text").asString("");
        text = text.length() > TEXT_PREVIEW ? text.substring(0, TEXT_PREVIEW) + "..." : text;
        return String.join("\t", item.get("index").asString(), req.path("method").asString("-"),
                req.path("url").asString("-"), interim.isEmpty() ? "-" : String.join(",", interim),
                resp.path("status").asString("-"), item.path("error").path("type").asString("-"),
                item.get("requestSize").asString(), item.get("responseSize").asString(),
                req.path("bodySize").asString("-"), resp.path("bodySize").asString("-"),
                content.path("size").asString("-"), content.path("mimeType").asString("-"),
                escape(text) + (content.path("encoding").isMissingNode() ? "" : " (base64)"));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
