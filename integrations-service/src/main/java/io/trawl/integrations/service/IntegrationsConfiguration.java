package io.trawl.integrations.service;

import com.slack.api.Slack;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.SecretResolver;
import io.trawl.integrations.action.SnapshotFiles;
import io.trawl.integrations.secret.EnvSecrets;
import io.trawl.integrations.slack.SlackBotHandler;
import io.trawl.integrations.slack.SlackClients;
import io.trawl.integrations.slack.SlackWebhookHandler;
import io.trawl.integrations.webhook.TargetGuard;
import io.trawl.integrations.webhook.WebhookHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Optional;

/**
 * The delivery side's beans: the Slack and webhook handlers, the secret resolver and the service that consumes
 * {@code trawl.actions}. Handlers of other kinds are any further {@link ActionHandler} beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntegrationsSettings.class, IntegrationsKafkaSettings.class, ScriptEnvSettings.class})
class IntegrationsConfiguration {

    @Bean
    TargetGuard targetGuard(IntegrationsSettings settings) {
        return new TargetGuard(settings.webhooks().allowLinkLocal());
    }

    @Bean
    Slack slack(IntegrationsSettings settings) {
        return SlackClients.create(settings.slack().methodsUrl(), settings.webhooks().connectTimeout(),
                settings.slack().requestTimeout());
    }

    @Bean
    SlackWebhookHandler slackWebhookHandler(Slack slack, TargetGuard guard) {
        return new SlackWebhookHandler(slack, guard);
    }

    @Bean
    SlackBotHandler slackBotHandler(Slack slack, ObjectProvider<SnapshotFiles> snapshots,
                                    IntegrationsSettings settings) {
        return new SlackBotHandler(slack, () -> Optional.ofNullable(snapshots.getIfAvailable()),
                settings.slack().maxFileBytes().toBytes());
    }

    @Bean
    WebhookHandler webhookHandler(IntegrationsSettings settings, TargetGuard guard) {
        return new WebhookHandler(settings.webhooks().connectTimeout(), settings.webhooks().requestTimeout(), guard);
    }

    @Bean
    SecretResolver secretResolver(ScriptEnvSettings env) {
        return new EnvSecrets(env.env(), env.scriptEnv());
    }

    @Bean
    IntegrationsService integrationsService(IntegrationsSettings settings, IntegrationsKafkaSettings kafka,
                                            List<ActionHandler> handlers, SecretResolver secrets,
                                            MeterRegistry meters) {
        return new IntegrationsService(settings, kafka, handlers, secrets, meters);
    }
}
