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

    /**
     * The members {@code keys} of an object, in that order, read like arguments: options objects and array
     * elements are checked with the same getters, naming {@code options.seconds} or {@code fields[2].title}.
     */
    public static Arguments members(Value object, String... keys) {
        var members = new Value[keys.length];
        for (int i = 0; i < keys.length; i++) {
            members[i] = object.getMember(keys[i]);
        }
        return new Arguments(members);
    }

    /** One value, read like an argument. */
    public static Arguments of(Value value) {
        return new Arguments(new Value[] {value});
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

    /** A string, or {@code otherwise} when the argument is absent. */
    public String string(int index, String name, String otherwise) {
        return absent(index) ? otherwise : string(index, name);
    }

    /** A string with more than white space in it. */
    public String nonBlank(int index, String name) {
        String text = string(index, name);
        if (text.isBlank()) {
            throw HelperException.badArgument(name + " must not be empty");
        }
        return text;
    }

    /** A string, number or boolean, as text (numbers and booleans as JavaScript prints them). */
    public String text(int index, String name) {
        return text(value(index), name);
    }

    /** A boolean, or {@code otherwise} when the argument is absent. */
    public boolean bool(int index, String name, boolean otherwise) {
        if (absent(index)) {
            return otherwise;
        }
        Value value = value(index);
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean", value);
        }
        return value.asBoolean();
    }

    /** An object that is neither an array nor a function. */
    public Value object(int index, String name) {
        Value value = value(index);
        if (!isObject(value)) {
            throw wrongType(name, "an object", value);
        }
        return value;
    }

    /** An array. */
    public Value array(int index, String name) {
        Value value = value(index);
        if (value == null || !value.hasArrayElements()) {
            throw wrongType(name, "an array", value);
        }
        return value;
    }

    /** Whether {@code value} is an object that is neither an array nor a function. */
    public static boolean isObject(Value value) {
        return value != null && value.hasMembers() && !value.hasArrayElements() && !value.canExecute()
                && !value.isNull();
    }

    /** A whole number that fits in a long, such as a time in ms since the epoch. */
    public long whole(int index, String name) {
        Value value = value(index);
        if (value == null || !value.isNumber() || !value.fitsInLong()) {
            throw wrongType(name, "a whole number", value);
        }
        return value.asLong();
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
        Value value = object(index, name);
        var map = new LinkedHashMap<String, String>();
        for (String key : value.getMemberKeys()) {
            map.put(key, text(value.getMember(key), name + "." + key));
        }
        return map;
    }

    private static String text(Value value, String name) {
        if (value != null && value.isString()) {
            return value.asString();
        }
        if (value != null && (value.isNumber() || value.isBoolean())) {
            return value.toString();
        }
        throw wrongType(name, "a string, number or boolean", value);
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
