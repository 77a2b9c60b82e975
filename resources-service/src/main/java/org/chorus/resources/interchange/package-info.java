/**
 * The directory in and out in bulk: HSDS JSON and the HSDS tabular form (a ZIP of CSV files), read within upload,
 * unpack, line and row limits, all-or-nothing imports with a per-row report, and streamed exports.
 */
package org.chorus.resources.interchange;
