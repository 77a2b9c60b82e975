package org.chorus.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/** Problem responses for every error of a reactive Chorus service, its query parameters' included. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@Import({InvalidParameters.class, ProblemResponses.class})
public class WebAutoConfiguration {
}
