package org.chorus.resources.directory;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The HSDS 3 API paging envelope; pages count from 1. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Page<T>(long totalItems, long totalPages, int pageNumber, int size, boolean firstPage, boolean lastPage,
               boolean empty, List<T> contents) {

    static <T> Page<T> of(List<T> contents, long totalItems, int pageNumber, int size) {
        long totalPages = Math.max(1, (totalItems + size - 1) / size);
        return new Page<>(totalItems, totalPages, pageNumber, size, pageNumber == 1, pageNumber >= totalPages,
                contents.isEmpty(), contents);
    }
}
