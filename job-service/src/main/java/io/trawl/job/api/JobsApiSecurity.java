package io.trawl.job.api;

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
 * Trawl's API access policy ({@link ApiSecurity}) on the jobs API, with the same {@code trawl.api.*} tokens as the
 * scripts API: viewers list and read jobs, editors also run and remove them.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiSecurityConfiguration.class)
public class JobsApiSecurity {

    @Bean
    public ApiTokens apiTokens(ApiAccessSettings access) {
        return ApiSecurity.tokens(access, "jobs API");
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ApiAccessSettings access)
            throws Exception {
        return ApiSecurity.chain(http, tokens, access);
    }
}
