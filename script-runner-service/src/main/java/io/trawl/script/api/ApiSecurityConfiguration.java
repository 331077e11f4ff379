package io.trawl.script.api;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import jakarta.servlet.DispatcherType;

/**
 * Who may call what. Stateless bearer tokens ({@link ApiTokens}) with two roles: GET requests, validate and
 * test need {@code viewer} (or {@code editor}); every other {@code /api/v1} request needs {@code editor}.
 * Health, Prometheus and the OpenAPI document and UI need no token. Failures are problem details: 401 with
 * {@code WWW-Authenticate: Bearer} for a missing or unknown token, 403 for a viewer who tries to write.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    public ApiTokens apiTokens(ApiSettings settings) {
        if (!settings.editorTokens().isEmpty() || !settings.viewerTokens().isEmpty()) {
            log.info("Scripts API: {} editor and {} viewer token(s) configured", settings.editorTokens().size(),
                    settings.viewerTokens().size());
            return ApiTokens.of(settings.editorTokens(), settings.viewerTokens());
        }
        String generated = ApiTokens.generate();
        // The one time a token is logged: without it nobody could use the API of an unconfigured service.
        log.info("No scripts API token is configured (trawl.api.editor-tokens, trawl.api.viewer-tokens), so this "
                + "run generated an editor token; send it as 'Authorization: Bearer {}'. It changes at every start.",
                generated);
        return ApiTokens.of(List.of(generated), List.of());
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ApiSettings settings)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new RequestSizeFilter(settings.maxRequestBytes().toBytes()),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // an SSE stream's async dispatches and error pages were authorized on the first dispatch
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/v1/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/v1/scripts/validate", "/api/v1/scripts/test")
                        .hasRole("VIEWER")
                        .requestMatchers("/api/v1/**").hasRole("EDITOR")
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean invalid = request.getAttribute(BearerTokenFilter.INVALID_TOKEN) != null;
                            response.setHeader("WWW-Authenticate", invalid
                                    ? "Bearer realm=\"trawl\", error=\"invalid_token\", "
                                            + "error_description=\"the token is not known\""
                                    : "Bearer realm=\"trawl\"");
                            Problems.write(request, response, HttpStatus.UNAUTHORIZED, invalid
                                    ? "the bearer token is not known (or the Authorization header is not "
                                            + "'Bearer <token>')"
                                    : "this endpoint needs a token: send 'Authorization: Bearer <token>'");
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(request, response,
                                HttpStatus.FORBIDDEN, "this needs the editor role; the token presented has the "
                                        + "viewer role, which may read, validate and test only")));
        return http.build();
    }

    /**
     * Refuses every authentication but the bearer tokens {@link BearerTokenFilter} checks. Its presence also
     * keeps Spring Boot from creating a default user with a generated password.
     */
    @Bean
    public AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("the scripts API accepts bearer tokens only");
        };
    }
}
