package io.tenantwatch.ingest.audit;

import java.util.List;

/**
 * An audit {@code user} or {@code impersonatedUser}, reduced to what detectors use: the three
 * {@code extra} values named in docs/formats.md, nothing else of {@code extra}.
 */
record UserInfo(String username, String uid, List<String> groups, String oid, String podName, String credentialId) {

    static final String EXTRA_OID = "oid";
    static final String EXTRA_POD_NAME = "authentication.kubernetes.io/pod-name";
    static final String EXTRA_CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";
}
