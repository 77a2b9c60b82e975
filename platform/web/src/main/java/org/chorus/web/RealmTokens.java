package org.chorus.web;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The audience and client checks for every Chorus resource server, the gateway's bearer tokens included (it leaves
 * out {@link WebAutoConfiguration}, not this). Spring Boot's JWT decoder takes every {@code OAuth2TokenValidator<Jwt>}
 * bean as an extra check.
 */
@AutoConfiguration
@ConditionalOnClass(Jwt.class)
@EnableConfigurationProperties(RealmTokenProperties.class)
public class RealmTokens {

    /** The realm's dev-only password-grant client (deploy/keycloak/chorus-realm.json; not in the production realm). */
    static final String DEVELOPMENT_CLIENT = "chorus-dev-cli";
    static final String DEVELOPMENT_PROFILE = "development";

    @Bean
    OAuth2TokenValidator<Jwt> realmTokenValidator(RealmTokenProperties properties, Environment environment) {
        Set<String> clients = new LinkedHashSet<>(properties.authorizedParties());
        if (environment.matchesProfiles(DEVELOPMENT_PROFILE)) {
            clients.add(DEVELOPMENT_CLIENT);
        }
        return new RealmTokenValidator(properties.audience(), clients);
    }
}
