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
 *
 * <p>Tokens remember the files they came from, so that {@link #reread} can pick up a rotation
 * without a restart; tokens given as text (the environment) stay as they were.
 */
public final class BearerTokens {

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    /** How messages name tokens given as text ({@code TW_RECEIVER_TOKENS}) rather than in a file. */
    private static final String SOURCE = "bearer tokens";
    /** Shorter tokens can be guessed or were typed by hand; {@code openssl rand -hex 32} gives 64 characters. */
    public static final int MIN_LENGTH = 16;

    private final List<byte[]> digests;
    /** The digests that came from no file: kept as they are when the files are read again. */
    private final List<byte[]> notFromFiles;

    private final List<Path> files;

    private BearerTokens(List<byte[]> digests, List<byte[]> notFromFiles, List<Path> files) {
        this.digests = List.copyOf(digests);
        this.notFromFiles = List.copyOf(notFromFiles);
        this.files = List.copyOf(files);
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
        return new BearerTokens(digests, digests, List.of());
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
        return new BearerTokens(tokens.digests, List.of(), List.of(file));
    }

    /** Both sets (e.g. the environment's and a token file's). */
    public BearerTokens plus(BearerTokens other) {
        return new BearerTokens(
                concat(digests, other.digests), concat(notFromFiles, other.notFromFiles), concat(files, other.files));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The token files these tokens were read from, in order; empty when none. */
    public List<Path> files() {
        return files;
    }

    /**
     * These tokens with their files read again: the tokens of text stay, each file's are replaced by
     * what it holds now.
     *
     * @throws ConfigException naming a file that cannot be used now (the caller keeps these tokens)
     */
    public BearerTokens reread() throws ConfigException {
        BearerTokens fresh = new BearerTokens(notFromFiles, notFromFiles, List.of());
        for (Path file : files) {
            fresh = fresh.plus(fromFile(file));
        }
        return fresh;
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
