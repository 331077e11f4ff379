package io.trawl.integrations.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Slack API client both Slack handlers use: Web API methods under a configurable prefix (tests point
 * it at a local server), the SDK's own usage statistics off (they would call {@code auth.test} first), timeouts
 * from settings, and redirects never followed (a webhook URL that redirects could otherwise lead around the
 * {@link io.trawl.integrations.webhook.TargetGuard}).
 */
public final class SlackClients {

    private SlackClients() {
    }

    /** @param methodsUrlPrefix such as {@code https://slack.com/api/}, ending with a slash */
    public static Slack create(String methodsUrlPrefix, Duration connectTimeout, Duration requestTimeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(methodsUrlPrefix.endsWith("/") ? methodsUrlPrefix : methodsUrlPrefix + "/");
        config.setStatsEnabled(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        config.setHttpClientCallTimeoutMillis(millis);
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        OkHttpClient http = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        return Slack.getInstance(config, new SlackHttpClient(http));
    }
}
