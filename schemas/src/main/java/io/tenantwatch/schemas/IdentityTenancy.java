package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A {@code tw.tenancy} record keyed {@code id:<cluster>/<kind>:<name>}: the home tenants of a user,
 * group or service account, and its class when a source fixes it (platform, admin).
 */
public record IdentityTenancy(
        String cluster,
        String kind,
        String name,
        List<String> tenants,
        @JsonProperty("class") ActorClass actorClass,
        String source)
        implements TenancyRecord {

    public static final String KIND_USER = "user";
    public static final String KIND_GROUP = "group";
    public static final String KIND_SERVICE_ACCOUNT = "serviceaccount";

    public IdentityTenancy {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    public static String key(String cluster, String kind, String name) {
        return "id:" + cluster + "/" + kind + ":" + name;
    }
}
