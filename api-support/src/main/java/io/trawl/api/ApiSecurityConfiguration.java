package io.trawl.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;

/**
 * What every Trawl API imports: the access settings, and no password logins. Each service adds its own
 * {@code SecurityFilterChain} bean from {@link ApiSecurity#chain} and its {@link ApiTokens} bean from
 * {@link ApiSecurity#tokens}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiAccessSettings.class)
public class ApiSecurityConfiguration {

    /**
     * Refuses every authentication but the bearer tokens {@link BearerTokenFilter} checks. Its presence also
     * keeps Spring Boot from creating a default user with a generated password.
     */
    @Bean
    public AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("Trawl's APIs accept bearer tokens only");
        };
    }
}
