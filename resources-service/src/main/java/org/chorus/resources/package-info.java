/**
 * resources-service: the help directory of local services for survivors (Open Referral HSDS 3) with the national
 * hotlines on every answer; this package holds the application and its security rules.
 */
package org.chorus.resources;
