package io.tenantwatch.detectors;

/**
 * The precedence of docs/detectors.md: an allowed cross-tenant request is classified into at most one
 * of these, in this order, before exceptions apply.
 */
public enum CrossTenantAccess {
    SECRET,
    EXEC,
    WRITE,
    READ,
    NONE
}
