package io.trawl.script.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.service.ScriptRunnerSettings;

/** The API's own beans: its dry runs and its OpenAPI description (served at {@code /v3/api-docs}). */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    static final String BEARER = "bearer";

    @Bean(destroyMethod = "close")
    public ScriptDryRuns scriptDryRuns(JsRuntime runtime, ScriptRunnerSettings runner, ApiSettings settings) {
        return new ScriptDryRuns(runtime, runner.budget(), runner.resolvedNodeName(), runner.actionLimits(),
                settings.maxConcurrentDryRuns());
    }

    @Bean
    public OpenAPI scriptsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Trawl scripts API").version("v1")
                        .description("Manage the JavaScript scripts Trawl runs on every item: create, update as new "
                                + "versions, delete, enable and disable, validate, test on items with helper calls "
                                + "recorded, and read their console. Every failure is an RFC 9457 problem detail "
                                + "(application/problem+json). Send 'Authorization: Bearer <token>': viewer tokens "
                                + "read, validate and test; editor tokens also change scripts.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A token from trawl.api.editor-tokens or trawl.api.viewer-tokens (or the one "
                                + "the service logs at start when none is configured)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
