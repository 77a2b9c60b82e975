/**
 * "New help near you": subscribers to the help-near-me topic with a ZIP hear, at most once a week, of services added
 * or reopened within reach of it, from the directory's events on {@code chorus.resources.v1}. The mail names each
 * service, its kind and ZIP (never an address), the national hotlines, and how to change or stop it.
 */
package org.chorus.notifications.nearby;
