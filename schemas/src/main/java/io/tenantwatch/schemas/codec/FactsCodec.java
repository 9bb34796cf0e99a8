package io.tenantwatch.schemas.codec;

import static io.tenantwatch.schemas.codec.NormalizedEventCodec.readList;
import static io.tenantwatch.schemas.codec.NormalizedEventCodec.readStringMap;
import static io.tenantwatch.schemas.codec.NormalizedEventCodec.readStrings;
import static io.tenantwatch.schemas.codec.NormalizedEventCodec.writeList;
import static io.tenantwatch.schemas.codec.NormalizedEventCodec.writeStringMap;
import static io.tenantwatch.schemas.codec.NormalizedEventCodec.writeStrings;

import io.tenantwatch.schemas.Facts;
import java.util.List;

/** The {@link Facts} part of the binary layout: each kind-specific part behind a presence byte. */
final class FactsCodec {

    private FactsCodec() {}

    static void write(ByteWriter out, Facts f) {
        writePodSpec(out, f.podSpec());
        writeRbac(out, f.rbac());
        Facts.Service service = f.service();
        if (present(out, service)) {
            out.string(service.type());
            writeStringMap(out, service.annotations());
        }
        Facts.ConfigMap configMap = f.configMap();
        if (present(out, configMap)) {
            writeStrings(out, configMap.keys());
            writeStrings(out, configMap.credentialKeys());
        }
        Facts.Secret secret = f.secret();
        if (present(out, secret)) {
            out.string(secret.type());
        }
        Facts.Namespace namespace = f.namespace();
        if (present(out, namespace)) {
            writeStringMap(out, namespace.labels());
            writeStringMap(out, namespace.labelsSet());
            writeStrings(out, namespace.labelsRemoved());
        }
        Facts.NetworkPolicy policy = f.networkPolicy();
        if (present(out, policy)) {
            out.bool(policy.selectsAllPods());
            out.bool(policy.allowsAllIngress());
        }
        writeList(out, f.ownerReferences(), (o, ref) -> {
            o.string(ref.kind());
            o.string(ref.name());
            o.string(ref.apiVersion());
            o.bool(ref.controller());
        });
    }

    static Facts read(ByteReader in) {
        Facts.PodSpec podSpec = readPodSpec(in);
        Facts.Rbac rbac = readRbac(in);
        Facts.Service service = in.present() ? new Facts.Service(in.string(), readStringMap(in)) : null;
        Facts.ConfigMap configMap = in.present() ? new Facts.ConfigMap(readStrings(in), readStrings(in)) : null;
        Facts.Secret secret = in.present() ? new Facts.Secret(in.string()) : null;
        Facts.Namespace namespace =
                in.present() ? new Facts.Namespace(readStringMap(in), readStringMap(in), readStrings(in)) : null;
        Facts.NetworkPolicy policy = in.present() ? new Facts.NetworkPolicy(in.bool(), in.bool()) : null;
        List<Facts.OwnerRef> owners =
                readList(in, i -> new Facts.OwnerRef(i.string(), i.string(), i.string(), i.bool()));
        if (podSpec == null
                && rbac == null
                && service == null
                && configMap == null
                && secret == null
                && namespace == null
                && policy == null
                && owners.isEmpty()) {
            return Facts.NONE; // most events: no garbage for them
        }
        return new Facts(podSpec, rbac, service, configMap, secret, namespace, policy, owners);
    }

    private static boolean present(ByteWriter out, Object part) {
        out.u8(part == null ? 0 : 1);
        return part != null;
    }

    private static void writePodSpec(ByteWriter out, Facts.PodSpec p) {
        if (!present(out, p)) {
            return;
        }
        writeStrings(out, p.images());
        writeStrings(out, p.privilegedContainers());
        writeStrings(out, p.hostPaths());
        out.bool(p.hostNetwork());
        out.bool(p.hostPID());
        out.bool(p.hostIPC());
        writeStrings(out, p.addedCapabilities());
        out.string(p.serviceAccountName());
        out.string(p.podTemplateHash());
    }

    private static Facts.PodSpec readPodSpec(ByteReader in) {
        if (!in.present()) {
            return null;
        }
        return new Facts.PodSpec(
                readStrings(in),
                readStrings(in),
                readStrings(in),
                in.bool(),
                in.bool(),
                in.bool(),
                readStrings(in),
                in.string(),
                in.string());
    }

    private static void writeRbac(ByteWriter out, Facts.Rbac r) {
        if (!present(out, r)) {
            return;
        }
        Facts.RoleRef roleRef = r.roleRef();
        if (present(out, roleRef)) {
            out.string(roleRef.kind());
            out.string(roleRef.name());
            out.string(roleRef.apiGroup());
        }
        writeList(out, r.subjects(), (o, s) -> {
            o.string(s.kind());
            o.string(s.name());
            o.string(s.namespace());
        });
        writeList(out, r.rules(), (o, rule) -> {
            writeStrings(o, rule.verbs());
            writeStrings(o, rule.resources());
            writeStrings(o, rule.apiGroups());
            writeStrings(o, rule.nonResourceURLs());
        });
    }

    private static Facts.Rbac readRbac(ByteReader in) {
        if (!in.present()) {
            return null;
        }
        Facts.RoleRef roleRef = in.present() ? new Facts.RoleRef(in.string(), in.string(), in.string()) : null;
        List<Facts.Subject> subjects = readList(in, i -> new Facts.Subject(i.string(), i.string(), i.string()));
        List<Facts.Rule> rules =
                readList(in, i -> new Facts.Rule(readStrings(i), readStrings(i), readStrings(i), readStrings(i)));
        return new Facts.Rbac(roleRef, subjects, rules);
    }
}
