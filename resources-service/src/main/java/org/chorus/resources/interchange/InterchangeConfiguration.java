package org.chorus.resources.interchange;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The import limits are this package's only settings. */
@Configuration
@EnableConfigurationProperties(ImportLimits.class)
class InterchangeConfiguration {
}
