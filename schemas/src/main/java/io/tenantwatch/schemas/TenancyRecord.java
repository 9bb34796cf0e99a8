package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A {@code tw.tenancy} value: a namespace's tenant or an identity's home tenants. The two shapes
 * have distinct fields, so a reader tells them apart by their fields, with no type tag on the wire.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(NamespaceTenancy.class), @JsonSubTypes.Type(IdentityTenancy.class)})
public sealed interface TenancyRecord permits NamespaceTenancy, IdentityTenancy {

    String cluster();
}
