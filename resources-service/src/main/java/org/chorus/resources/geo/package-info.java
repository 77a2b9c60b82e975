/**
 * US ZIP code centres shipped with the service, so turning a ZIP into a place never asks anyone else; the database
 * holds a copy (migration 4) to place each confidential location at its ZIP's centre for everything public.
 */
package org.chorus.resources.geo;
