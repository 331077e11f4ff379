package io.trawl.script.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.action.ActionLimits;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.host.ScriptBudget;
import io.trawl.service.NodeName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How script-runner-service runs scripts ({@code trawl.script.*}).
 *
 * @param workers             worker threads; each holds every script, items of one flow always reach the same one
 * @param queueCapacity       items queued per worker before the consumer waits
 * @param statements          JavaScript statements one hook call may run
 * @param wallTime            time one hook call may take
 * @param loadWallTime        time a script's top-level code may take when it is loaded (cold, so more)
 * @param warmUp              for this long after a script's context is built, its hook calls may take
 *                            {@code loadWallTime} too: they run cold while the compiler works
 * @param nodeName            what {@code utils.nodeName()} answers; default: {@code NODE_NAME} from the
 *                            environment (the Kubernetes downward API), else the host name
 * @param env                 values every script sees in {@code env}
 * @param scriptEnv           per script name, values that add to or override {@code env} for that script
 * @param disableAfterErrors  a script that fails this many hook calls within {@code errorWindow} on one replica
 *                            is disabled for every replica, with the reason shown by the API; 0 never disables
 * @param errorWindow         the window of {@code disableAfterErrors}
 * @param maxPollRecords      records the item and packet consumers take per poll
 * @param secretPatterns      an env key containing one of these (case-insensitive) holds a secret: its value is
 *                            masked in that script's console lines and errors, and published by the vendor and
 *                            pcap helpers only as an {@code ${env:KEY}} reference; default TOKEN, SECRET, PASSWORD,
 *                            PASSWD, KEY, CREDENTIAL, WEBHOOK
 * @param maxMetricLabelSets  label sets one script metric may have before the helper call fails
 * @param maxMetricsPerScript metrics one script may create before the helper call fails
 * @param maxActionsPerMinute actions ({@code vendor.*}, {@code pcap.snapshot}) one script may publish per minute on
 *                            one replica before the helper call fails
 * @param maxSnapshotWindow   the longest window one {@code pcap.snapshot} may ask for
 * @param maxActionSize       the largest {@code params} of one action, as JSON
 */
@Validated
@ConfigurationProperties("trawl.script")
public record ScriptRunnerSettings(
        @Min(1) @Max(256) @DefaultValue("2") int workers,
        @Min(1) @Max(1_000_000) @DefaultValue("1024") int queueCapacity,
        @Min(1) @DefaultValue("1000000") long statements,
        @DefaultValue("200ms") Duration wallTime,
        @DefaultValue("5s") Duration loadWallTime,
        @DefaultValue("10s") Duration warmUp,
        @DefaultValue("") String nodeName,
        Map<String, String> env,
        Map<String, Map<String, String>> scriptEnv,
        @Min(0) @DefaultValue("100") int disableAfterErrors,
        @DefaultValue("1m") Duration errorWindow,
        @Min(1) @Max(100_000) @DefaultValue("2000") int maxPollRecords,
        List<String> secretPatterns,
        @Min(1) @DefaultValue("1000") int maxMetricLabelSets,
        @Min(1) @DefaultValue("100") int maxMetricsPerScript,
        @Min(1) @DefaultValue("600") int maxActionsPerMinute,
        @DefaultValue("10m") Duration maxSnapshotWindow,
        @DefaultValue("512KB") DataSize maxActionSize) {

    public ScriptRunnerSettings {
        env = env == null ? Map.of() : Map.copyOf(env);
        scriptEnv = scriptEnv == null ? Map.of() : Map.copyOf(scriptEnv);
        secretPatterns = secretPatterns == null ? ScriptEnv.DEFAULT_SECRET_PATTERNS : List.copyOf(secretPatterns);
    }

    /** The env every script sees, with the secret patterns. */
    public ScriptEnv scriptEnvironment() {
        return new ScriptEnv(env, scriptEnv, secretPatterns);
    }

    public ScriptMetricLimits metricLimits() {
        ScriptMetricLimits defaults = ScriptMetricLimits.defaults();
        return new ScriptMetricLimits(maxMetricLabelSets, maxMetricsPerScript, defaults.histogramBuckets());
    }

    /** The bounds on scripts' actions; a bad value fails the start naming its property. */
    public ActionLimits actionLimits() {
        try {
            return new ActionLimits(maxActionsPerMinute, maxSnapshotWindow,
                    (int) Math.min(Integer.MAX_VALUE, maxActionSize.toBytes()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trawl.script.max-actions-per-minute / max-snapshot-window / "
                    + "max-action-size: " + e.getMessage(), e);
        }
    }

    public ScriptBudget budget() {
        try {
            return new ScriptBudget(statements, wallTime, loadWallTime, warmUp);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trawl.script.statements / wall-time / load-wall-time: " + e.getMessage(), e);
        }
    }

    /** The node name scripts see. */
    public String resolvedNodeName() {
        return nodeName.isBlank() ? NodeName.resolve() : nodeName;
    }
}
