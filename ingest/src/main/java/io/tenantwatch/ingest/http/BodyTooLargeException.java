package io.tenantwatch.ingest.http;

import java.io.IOException;

/** A request body over the receiver's limit (answered 413). */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(String message) {
        super(message, null);
    }
}
