package io.trawl.integrations.api;

import io.trawl.api.ApiAccessSettings;
import io.trawl.api.ApiSecurity;
import io.trawl.api.ApiSecurityConfiguration;
import io.trawl.api.ApiTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Trawl's API access policy ({@link ApiSecurity}, the same tokens as the scripts API: {@code trawl.api.*}) on
 * integrations-service: viewers may list, read and download snapshots; taking one is an editor's act.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiSecurityConfiguration.class)
public class SnapshotApiSecurity {

    @Bean
    public ApiTokens integrationsApiTokens(ApiAccessSettings access) {
        return ApiSecurity.tokens(access, "integrations API");
    }

    @Bean
    public SecurityFilterChain integrationsApiSecurity(HttpSecurity http, ApiTokens integrationsApiTokens,
                                                       ApiAccessSettings access) throws Exception {
        return ApiSecurity.chain(http, integrationsApiTokens, access);
    }
}
