package io.trawl.script.helper;

import java.util.LinkedHashMap;
import java.util.Map;

import org.graalvm.polyglot.Value;

/**
 * A helper call's arguments, read with checks: each getter throws {@link HelperException#badArgument} naming
 * the argument and what it was, such as {@code value must be a number, was string "3"}.
 */
public final class Arguments {

    private final Value[] values;

    public Arguments(Value[] values) {
        this.values = values;
    }

    /** Whether argument {@code index} is missing, {@code undefined} or {@code null}. */
    public boolean absent(int index) {
        return index >= values.length || values[index] == null || values[index].isNull();
    }

    /** Argument {@code index} as it is, or null when it was not given. */
    public Value value(int index) {
        return index < values.length ? values[index] : null;
    }

    public String string(int index, String name) {
        Value value = value(index);
        if (value == null || !value.isString()) {
            throw wrongType(name, "a string", value);
        }
        return value.asString();
    }

    /** A finite number. */
    public double number(int index, String name) {
        Value value = value(index);
        if (value == null || !value.isNumber() || !value.fitsInDouble()) {
            throw wrongType(name, "a number", value);
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw HelperException.badArgument(name + " must be a finite number, was " + describe(value));
        }
        return number;
    }

    /** A finite number, or {@code otherwise} when the argument is absent. */
    public double number(int index, String name, double otherwise) {
        return absent(index) ? otherwise : number(index, name);
    }

    /** A whole number that fits in an int. */
    public int integer(int index, String name) {
        Value value = value(index);
        if (value == null || !value.isNumber() || !value.fitsInInt()) {
            throw wrongType(name, "a whole number", value);
        }
        return value.asInt();
    }

    /**
     * An object whose members are strings, numbers or booleans, as a map of strings (numbers and booleans as
     * JavaScript prints them); an empty map when the argument is absent and {@code required} is false.
     */
    public Map<String, String> stringMap(int index, String name, boolean required) {
        if (absent(index) && !required) {
            return Map.of();
        }
        Value value = value(index);
        if (value == null || !value.hasMembers() || value.hasArrayElements() || value.canExecute()) {
            throw wrongType(name, "an object", value);
        }
        var map = new LinkedHashMap<String, String>();
        for (String key : value.getMemberKeys()) {
            Value member = value.getMember(key);
            if (member.isString()) {
                map.put(key, member.asString());
            } else if (member.isNumber() || member.isBoolean()) {
                map.put(key, member.toString());
            } else {
                throw HelperException.badArgument(name + "." + key + " must be a string, number or boolean, was "
                        + describe(member));
            }
        }
        return map;
    }

    private static HelperException wrongType(String name, String expected, Value value) {
        return HelperException.badArgument(name + " must be " + expected + ", was " + describe(value));
    }

    /** What a value is, for a message: {@code undefined}, {@code string "3"}, {@code number 1.5}, {@code object}. */
    public static String describe(Value value) {
        if (value == null) {
            return "missing";
        }
        if (value.isNull()) {
            return value.toString();
        }
        if (value.isString()) {
            String text = value.asString();
            return "string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (value.isNumber()) {
            return "number " + value;
        }
        if (value.isBoolean()) {
            return "boolean " + value;
        }
        if (value.canExecute()) {
            return "a function";
        }
        return value.hasArrayElements() ? "an array" : "an object";
    }
}
