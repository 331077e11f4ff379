package io.trawl.integrations.service;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The values behind the {@code ${env:KEY}} references in action requests: the same {@code trawl.script.env} and
 * {@code trawl.script.script-env} the runner gives scripts, so that one configuration (one Kubernetes Secret)
 * serves both services. Only these two keys of {@code trawl.script.*} are read here.
 *
 * @param env       values of every script
 * @param scriptEnv per script name, values that add to or override {@code env} for that script
 */
@ConfigurationProperties("trawl.script")
public record ScriptEnvSettings(Map<String, String> env, Map<String, Map<String, String>> scriptEnv) {

    public ScriptEnvSettings {
        env = env == null ? Map.of() : Map.copyOf(env);
        scriptEnv = scriptEnv == null ? Map.of() : Map.copyOf(scriptEnv);
    }
}
