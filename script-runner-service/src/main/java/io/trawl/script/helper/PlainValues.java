package io.trawl.script.helper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Value;

import tools.jackson.databind.json.JsonMapper;

/**
 * Guest values as the plain Java values a {@link HelperCall} carries: String, Integer, Long, Double, Boolean,
 * null, List and Map (insertion-ordered). Functions become their source text; anything nested deeper than
 * {@link #MAX_DEPTH} becomes the string {@code "..."}, which also ends a cycle.
 */
public final class PlainValues {

    static final int MAX_DEPTH = 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlainValues() {
    }

    /** The plain value of {@code value}; {@code undefined}, {@code null} and a missing value are null. */
    public static Object of(Value value) {
        return of(value, 0);
    }

    private static Object of(Value value, int depth) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            if (value.fitsInInt()) {
                return value.asInt();
            }
            if (value.fitsInLong()) {
                return value.asLong();
            }
            return value.asDouble();
        }
        if (value.canExecute() || depth >= MAX_DEPTH) {
            return value.canExecute() ? value.toString() : "...";
        }
        if (value.hasArrayElements()) {
            var list = new ArrayList<>();
            for (long i = 0; i < value.getArraySize(); i++) {
                list.add(of(value.getArrayElement(i), depth + 1));
            }
            return list;
        }
        if (value.hasMembers()) {
            var map = new LinkedHashMap<String, Object>();
            for (String key : value.getMemberKeys()) {
                map.put(key, of(value.getMember(key), depth + 1));
            }
            return map;
        }
        return value.toString();
    }

    /** A number as a script would print it: whole numbers as Integer or Long, others as Double. */
    public static Number number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            long whole = (long) value;
            return whole == (int) whole ? (Number) (int) whole : (Number) whole;
        }
        return value;
    }

    /** {@code arguments}, from {@code from} on, as plain values. */
    public static List<Object> of(Value[] arguments, int from) {
        var list = new ArrayList<>();
        for (int i = from; i < arguments.length; i++) {
            list.add(of(arguments[i]));
        }
        return list;
    }

    /** A plain value as compact JSON. */
    public static String json(Object plain) {
        return JSON.writeValueAsString(plain);
    }

    /** {@code plain} with {@code redaction} applied to every string in it, keys included. */
    static Object redact(Object plain, SecretRedaction redaction) {
        return switch (plain) {
            case String text -> redaction.apply(text);
            case List<?> list -> redactList(list, redaction);
            case Map<?, ?> map -> {
                var copy = new LinkedHashMap<Object, Object>();
                map.forEach((key, item) -> copy.put(redact(key, redaction), redact(item, redaction)));
                yield copy;
            }
            case null, default -> plain;
        };
    }

    private static List<Object> redactList(List<?> list, SecretRedaction redaction) {
        var copy = new ArrayList<>(list.size());
        list.forEach(item -> copy.add(redact(item, redaction)));
        return copy;
    }
}
