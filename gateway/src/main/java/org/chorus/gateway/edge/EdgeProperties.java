package org.chorus.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param bodyLimit the largest request body a route accepts unless its {@code body-limit} metadata says otherwise;
 *                  small, because almost everything the public sends is a short form
 */
@ConfigurationProperties("chorus.edge")
public record EdgeProperties(@DefaultValue("256KB") DataSize bodyLimit) {
}
