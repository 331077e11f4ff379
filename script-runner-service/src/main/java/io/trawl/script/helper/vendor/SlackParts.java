package io.trawl.script.helper.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Value;

import io.trawl.script.helper.Arguments;
import io.trawl.script.helper.HelperException;
import io.trawl.script.helper.pcap.PcapHelper;

/**
 * The {@code fields} and {@code files} of {@code vendor.slackBot}, checked and brought to the one form the
 * {@code slackBot} action carries: arrays of {@code {title, value, short}} and of {@code {name, content}} or
 * {@code {name, snapshot}}.
 */
final class SlackParts {

    static final int MAX_FIELDS = 50;
    static final int MAX_FILES = 10;

    private SlackParts() {
    }

    /**
     * Kubeshark's form, an object of titles to values (each becomes a short field, shown two to a line), or an
     * array of {@code {title, value, short?}}; empty when absent.
     */
    static List<Map<String, Object>> fields(Arguments args, int index) {
        if (args.absent(index)) {
            return List.of();
        }
        Value fields = args.value(index);
        var result = new ArrayList<Map<String, Object>>();
        if (fields.hasArrayElements()) {
            count(fields.getArraySize(), MAX_FIELDS, "fields");
            for (int i = 0; i < fields.getArraySize(); i++) {
                String name = "fields[" + i + "]";
                Value field = Arguments.of(fields.getArrayElement(i)).object(0, name);
                Arguments members = Arguments.members(field, "title", "value", "short");
                result.add(field(members.string(0, name + ".title"), members.text(1, name + ".value"),
                        members.bool(2, name + ".short", false)));
            }
            return result;
        }
        if (!Arguments.isObject(fields)) {
            throw HelperException.badArgument("fields must be an object {title: value} or an array of "
                    + "{title, value, short}, was " + Arguments.describe(fields));
        }
        Map<String, String> byTitle = args.stringMap(index, "fields", true);
        count(byTitle.size(), MAX_FIELDS, "fields");
        byTitle.forEach((title, value) -> result.add(field(title, value, true)));
        return result;
    }

    /**
     * An array of {@code {name, content}} (text) and {@code {name, snapshot}} (an id {@code pcap.snapshot}
     * returned); empty when absent. Kubeshark's {@code {fileName: localPath}} is refused: there are no local files.
     */
    static List<Map<String, Object>> files(Arguments args, int index) {
        if (args.absent(index)) {
            return List.of();
        }
        Value files = args.value(index);
        if (!files.hasArrayElements()) {
            throw HelperException.badArgument("files must be an array of {name, content} or {name, snapshot}, was "
                    + Arguments.describe(files) + " (Trawl attaches no local files by path)");
        }
        count(files.getArraySize(), MAX_FILES, "files");
        var result = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < files.getArraySize(); i++) {
            String name = "files[" + i + "]";
            Value file = Arguments.of(files.getArrayElement(i)).object(0, name);
            Arguments members = Arguments.members(file, "name", "content", "snapshot");
            String fileName = members.nonBlank(0, name + ".name");
            if (fileName.length() > 255 || fileName.contains("/") || fileName.contains("\\")) {
                throw HelperException.badArgument(name + ".name must be a file name of at most 255 characters, "
                        + "without '/' or '\\'");
            }
            if (members.absent(1) == members.absent(2)) {
                throw HelperException.badArgument(name + " needs either content (text) or snapshot (an id "
                        + "pcap.snapshot returned), not " + (members.absent(1) ? "neither" : "both"));
            }
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", fileName);
            if (members.absent(2)) {
                entry.put("content", members.string(1, name + ".content"));
            } else {
                entry.put("snapshot", PcapHelper.snapshotId(members.string(2, name + ".snapshot"),
                        name + ".snapshot"));
            }
            result.add(entry);
        }
        return result;
    }

    private static Map<String, Object> field(String title, String value, boolean isShort) {
        var field = new LinkedHashMap<String, Object>();
        field.put("title", title);
        field.put("value", value);
        field.put("short", isShort);
        return field;
    }

    private static void count(long count, int max, String name) {
        if (count > max) {
            throw HelperException.badArgument(name + " has " + count + " entries, more than the " + max
                    + " one message takes");
        }
    }
}
