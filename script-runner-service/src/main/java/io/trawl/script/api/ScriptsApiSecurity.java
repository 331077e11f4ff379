package io.trawl.script.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.trawl.api.ApiAccessSettings;
import io.trawl.api.ApiSecurity;
import io.trawl.api.ApiSecurityConfiguration;
import io.trawl.api.ApiTokens;

/**
 * Trawl's API access policy ({@link ApiSecurity}) on the scripts API: viewers may also validate and test, which
 * run a script on the request's items and change nothing.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiSecurityConfiguration.class)
public class ScriptsApiSecurity {

    @Bean
    public ApiTokens apiTokens(ApiAccessSettings access) {
        return ApiSecurity.tokens(access, "scripts API");
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ApiAccessSettings access,
                                           ApiSettings settings) throws Exception {
        if (access.maxRequestBytes().toBytes() < settings.maxSourceBytes().toBytes()) {
            throw new IllegalArgumentException("trawl.api.max-request-bytes (" + access.maxRequestBytes()
                    + ") must be at least trawl.api.max-source-bytes (" + settings.maxSourceBytes() + ")");
        }
        return ApiSecurity.chain(http, tokens, access, "/api/v1/scripts/validate", "/api/v1/scripts/test");
    }
}
