package io.tenantwatch.ingest.tenancy;

/**
 * A tenancy file that cannot be used. The message is one line naming the file and the problem, ready
 * for the command line (exit code 2).
 */
public final class TenancyFileException extends Exception {

    public TenancyFileException(String file, String problem) {
        super(file + ": " + problem.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
    }
}
