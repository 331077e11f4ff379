package io.trawl.script.api;

import org.springframework.http.HttpStatus;

import io.trawl.script.store.StoredScript;

/** Checks a script name taken from a path, so that a bad one gets a 400 naming the rule rather than a 404. */
final class ScriptNames {

    private ScriptNames() {
    }

    static String check(String name) {
        if (name == null || !StoredScript.NAME.matcher(name).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "name: '" + name + "' is not a valid script name: "
                    + StoredScript.NAME_RULE);
        }
        return name;
    }
}
