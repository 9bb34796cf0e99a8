package io.tenantwatch.detectors.stateful;

import java.util.List;

/**
 * What {@link WorkloadImagesTracker} keeps per workload: the images of its pod template as last
 * written (at most {@link #KEPT}, in spec order) and when that write was.
 */
record WorkloadImages(long lastWritten, List<String> images) {

    /** Far above any real pod template; bounds an entry against a malformed or hostile spec. */
    static final int KEPT = 32;

    WorkloadImages {
        images = images == null ? List.of() : images.size() > KEPT ? List.copyOf(images.subList(0, KEPT)) : images;
    }
}
