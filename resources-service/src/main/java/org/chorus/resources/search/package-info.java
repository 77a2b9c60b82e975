/**
 * Search by place: a ZIP code or coordinates, a radius and filters, answered nearest first from the ready search
 * documents, always with the national hotlines.
 */
package org.chorus.resources.search;
