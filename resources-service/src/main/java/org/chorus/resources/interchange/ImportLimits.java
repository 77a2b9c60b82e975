package org.chorus.resources.interchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large an import may be. An upload is written to a temporary file as it arrives, never held whole in memory, and
 * refused with 413 as soon as it passes {@code maxUpload}; a ZIP of CSV files may unpack to at most
 * {@code maxUnpacked}, so a small archive cannot expand into a memory- or time-filling one (the CSV reader keeps only the
 * columns it knows, so the rows it holds stay well under that).
 */
@ConfigurationProperties("chorus.directory.import")
record ImportLimits(@DefaultValue("32MB") DataSize maxUpload, @DefaultValue("64MB") DataSize maxUnpacked) {
}
