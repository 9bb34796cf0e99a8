package io.tenantwatch.schemas.codec;

import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;

/**
 * The one-byte codes of the enums (0 for null). Spelled out rather than taken from ordinal(), so
 * that reordering or adding a constant in Java cannot silently change what old records mean.
 */
final class Enums {

    private Enums() {}

    static int code(ActorClass c) {
        if (c == null) {
            return 0;
        }
        return switch (c) {
            case PLATFORM -> 1;
            case ANONYMOUS -> 2;
            case ADMIN -> 3;
            case TENANT_MEMBER -> 4;
            case UNATTRIBUTED -> 5;
        };
    }

    static ActorClass actorClass(ByteReader in) {
        int code = in.u8();
        return switch (code) {
            case 0 -> null;
            case 1 -> ActorClass.PLATFORM;
            case 2 -> ActorClass.ANONYMOUS;
            case 3 -> ActorClass.ADMIN;
            case 4 -> ActorClass.TENANT_MEMBER;
            case 5 -> ActorClass.UNATTRIBUTED;
            default -> throw in.corrupt("unknown actor class code " + code);
        };
    }

    static int code(ActorType t) {
        if (t == null) {
            return 0;
        }
        return switch (t) {
            case USER -> 1;
            case SERVICEACCOUNT -> 2;
            case NODE -> 3;
            case ANONYMOUS -> 4;
            case PROCESS -> 5;
        };
    }

    static ActorType actorType(ByteReader in) {
        int code = in.u8();
        return switch (code) {
            case 0 -> null;
            case 1 -> ActorType.USER;
            case 2 -> ActorType.SERVICEACCOUNT;
            case 3 -> ActorType.NODE;
            case 4 -> ActorType.ANONYMOUS;
            case 5 -> ActorType.PROCESS;
            default -> throw in.corrupt("unknown actor type code " + code);
        };
    }
}
