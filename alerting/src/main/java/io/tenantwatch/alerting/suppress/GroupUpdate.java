package io.tenantwatch.alerting.suppress;

import io.tenantwatch.schemas.Alert;
import java.util.List;

/**
 * The one update sent at the end of a window that saw repeats: {@code update} counts every
 * occurrence of the window, and {@code absorbed} holds what the caller attached to each repeat
 * (for the pipeline: the offsets to commit once the update is delivered).
 */
public record GroupUpdate<T>(Alert update, List<T> absorbed) {}
