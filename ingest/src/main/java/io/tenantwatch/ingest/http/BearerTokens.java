package io.tenantwatch.ingest.http;

import io.tenantwatch.schemas.config.ConfigException;
import io.tenantwatch.schemas.config.ConfigFiles;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The receivers' accepted bearer tokens. Several may be valid at once, so that a token can be
 * rotated: add the new one, move the senders, remove the old one.
 *
 * <p>Only SHA-256 digests are kept, so a heap dump or a {@code toString} never shows a token.
 * A presented token is digested and compared with every digest with {@link MessageDigest#isEqual}
 * (constant time for equal lengths, and digests are all 32 bytes) without stopping at a match, so
 * the time taken says nothing about which token, or how much of one, was right.
 */
public final class BearerTokens {

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    /** How messages name tokens given as text ({@code TW_RECEIVER_TOKENS}) rather than in a file. */
    private static final String SOURCE = "bearer tokens";
    /** Shorter tokens can be guessed or were typed by hand; {@code openssl rand -hex 32} gives 64 characters. */
    public static final int MIN_LENGTH = 16;

    private final List<byte[]> digests;

    private BearerTokens(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * The given tokens; blank ones are ignored.
     *
     * @throws ConfigException for a token shorter than {@link #MIN_LENGTH} (which is not shown)
     */
    public static BearerTokens of(Collection<String> tokens) throws ConfigException {
        return of(tokens, SOURCE);
    }

    /** @param source where the tokens come from, for messages (a token file) */
    private static BearerTokens of(Collection<String> tokens, String source) {
        ConfigProblems problems = new ConfigProblems(source);
        List<byte[]> digests = new ArrayList<>();
        for (String t : tokens) {
            if (t != null && !t.isBlank()) {
                String token = t.strip();
                if (token.length() < MIN_LENGTH) {
                    problems.add(
                            null,
                            "a bearer token of " + token.length() + " characters is too short: use at least "
                                    + MIN_LENGTH + " (openssl rand -hex 32 makes one)");
                } else {
                    digests.add(digest(token));
                }
            }
        }
        problems.throwIfAny();
        return new BearerTokens(digests);
    }

    public static BearerTokens of(String... tokens) {
        return of(List.of(tokens));
    }

    /**
     * Tokens separated by commas, spaces or line breaks (the form of {@code TW_RECEIVER_TOKENS});
     * lines starting with {@code #} are comments. Null gives no tokens.
     */
    public static BearerTokens parse(String text) throws ConfigException {
        return parse(text, SOURCE);
    }

    private static BearerTokens parse(String text, String source) {
        if (text == null) {
            return of(List.of(), source);
        }
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            tokens.addAll(List.of(SEPARATORS.split(line.strip())));
        }
        return of(tokens, source);
    }

    /**
     * A token file ({@code --token-file}): the {@link #parse} form, typically one token per line.
     *
     * @throws ConfigException naming the file: unreadable, a token too short, or no token at all
     */
    public static BearerTokens fromFile(Path file) throws ConfigException {
        BearerTokens tokens = parse(ConfigFiles.read(file), file.toString());
        if (tokens.isEmpty()) {
            throw ConfigException.of(file.toString(), "holds no token");
        }
        return tokens;
    }

    /** Both sets (e.g. the environment's and a token file's). */
    public BearerTokens plus(BearerTokens other) {
        List<byte[]> all = new ArrayList<>(digests);
        all.addAll(other.digests);
        return new BearerTokens(all);
    }

    public int size() {
        return digests.size();
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** True when {@code token} is one of the accepted tokens. */
    public boolean matches(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] presented = digest(token);
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(d, presented);
        }
        return match;
    }

    /** True when an {@code Authorization} header value is {@code Bearer <an accepted token>}. */
    public boolean acceptsHeader(String authorization) {
        if (authorization == null
                || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return matches(authorization.substring(7).strip());
    }

    @Override
    public String toString() {
        return "BearerTokens[" + digests.size() + " token(s)]";
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
