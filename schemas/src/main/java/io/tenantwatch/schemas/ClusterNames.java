package io.tenantwatch.schemas;

import java.util.regex.Pattern;

/**
 * What a cluster name may be, wherever it comes from (a receiver path, a hub's or a context's
 * configuration, the last segment of an AKS resource id): it becomes an alert field, a Kafka key,
 * a metric label and part of a tenancy key, so it is short and printable. An AKS cluster's name
 * is 1 to 63 letters, digits, '-' and '_'; the same rule, with '.', covers the other sources.
 */
public final class ClusterNames {

    public static final int MAX_LENGTH = 63;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    /** Says what a valid name is, for messages. */
    public static final String RULE =
            "1 to " + MAX_LENGTH + " letters, digits, '.', '_' and '-', starting with a letter or digit";

    private ClusterNames() {}

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
