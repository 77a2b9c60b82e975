/**
 * US ZIP code centres shipped with the service, so turning a ZIP into a place never asks anyone else.
 */
package org.chorus.resources.geo;
