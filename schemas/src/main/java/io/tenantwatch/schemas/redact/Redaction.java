package io.tenantwatch.schemas.redact;

import io.tenantwatch.schemas.RequestUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from the free text that tenantwatch must keep: request URIs (exec commands
 * travel in their query), command lines (an exec's argv, Falco's {@code proc.cmdline}) and other
 * strings taken from input. Applied once at the edge, where events are normalized, so that no topic,
 * alert, DLQ record or log downstream ever holds what it removes: bearer tokens and JWTs, the
 * values of {@code Authorization} headers, URL passwords ({@code scheme://user:PASSWORD@}),
 * password flags ({@code --password=…}, {@code --token …}, {@code mysql -p…},
 * {@code redis-cli -a …}, {@code sshpass -p …}, {@code curl -u user:…}) and variables or keys
 * whose name says credential ({@code PGPASSWORD=…}, {@code client_secret: …}). A removed value
 * becomes {@value #REDACTED}; the rest of the text stays as it was, so that detectors still see
 * what was run and on what.
 *
 * <p>URL-encoded text is decoded before it is looked at ({@code Authorization%3A%20Bearer%20…},
 * {@code +} and {@code %09} as separators) and re-encoded after. It errs on the side of removing:
 * a value that only looks like a credential is removed too. A string with nothing that could be
 * a credential is returned as it is, without allocating, which is the common case.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final String SENSITIVE_NAME =
            "(?:password|passwd|passphrase|pwd|secret|token|api[-_]?key|access[-_]?key"
                    + "|private[-_]?key|credentials?)";
    /** {@code --password=x}, {@code --client-secret=x}, {@code --token=x}. */
    private static final Pattern FLAG_WITH_VALUE =
            Pattern.compile("(?i)^(--?[\\w.-]*" + SENSITIVE_NAME + "[\\w.-]*=).+$");
    /** {@code --password x}: the value is the next argument. */
    private static final Pattern FLAG = Pattern.compile("(?i)^--?[\\w.-]*" + SENSITIVE_NAME + "[\\w.-]*$");
    /** {@code PGPASSWORD=x}, {@code password: x}, {@code "client_secret":"x"}, {@code token=x} inside any text. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)([\\w.-]*" + SENSITIVE_NAME + "[\\w.-]*[\"']?\\s*[:=]\\s*)" + "(\"[^\"]*\"|'[^']*'|[^\\s&;,'\"]+)");
    // Separators are whitespace or a plus: query values are decoded with a plus kept as a plus.
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(authorization[\"']?[\\s+]*[:=][\\s+]*(?:(?:bearer|basic|token|digest|negotiate)[\\s+]+)?)[^\\s\"',;&]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer[\\s+]+)[^\\s\"',;&]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@]*):([^\\s@/]+)@");

    private Redaction() {}

    /**
     * A request URI with credentials removed from its query (exec commands included) and any JWT
     * removed from its path; the same instance when there was nothing to remove.
     */
    public static String requestUri(String uri) {
        if (uri == null) {
            return null;
        }
        // Runs on every audit event. A path's words (secrets, serviceaccounts/x/token,
        // authorization.k8s.io) are names, not credentials: only a JWT is looked for there. The
        // query is looked at only when it holds a trigger word, before or after decoding (an escape
        // can hide one; selectors are escaped in most list and watch requests, and hide none).
        int q = RequestUri.queryStart(uri);
        int pathEnd = q < 0 ? uri.length() : q;
        int jwt = uri.indexOf("eyJ");
        boolean pathHasJwt = jwt >= 0 && jwt < pathEnd;
        boolean queryNeedsLook = q >= 0
                && (mayHoldCredential(uri, q + 1)
                        || (uri.indexOf('%', q + 1) >= 0
                                && mayHoldCredential(UriCoding.decode(uri.substring(q + 1), false))));
        if (!pathHasJwt && !queryNeedsLook) {
            return uri;
        }
        String path = uri.substring(0, pathEnd);
        String cleanPath = pathHasJwt ? JWT.matcher(path).replaceAll(REDACTED) : path;
        String query = q < 0 ? null : uri.substring(q + 1);
        String cleanQuery = queryNeedsLook ? query(query) : query;
        if (cleanPath.equals(path) && cleanQuery == query) {
            return uri;
        }
        return q < 0 ? cleanPath : cleanPath + '?' + cleanQuery;
    }

    /** A command line as one string (Falco's {@code proc.cmdline}, a shell's {@code -c} script). */
    public static String commandLine(String line) {
        if (line == null || !mayHoldCredential(line)) {
            return line;
        }
        List<String> words = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
                spans.add(new int[] {start, i});
            }
        }
        String[] cleaned = argvRules(words);
        StringBuilder out = null;
        int copied = 0;
        for (int w = 0; w < cleaned.length; w++) {
            if (cleaned[w] != null) {
                if (out == null) {
                    out = new StringBuilder(line.length());
                }
                out.append(line, copied, spans.get(w)[0]).append(cleaned[w]);
                copied = spans.get(w)[1];
            }
        }
        String rebuilt = out == null ? line : out.append(line, copied, n).toString();
        return text(rebuilt);
    }

    /** An argument vector (an exec's {@code command} parameters, one per argument). */
    public static List<String> argv(List<String> args) {
        if (args.isEmpty()) {
            return args;
        }
        boolean any = false;
        for (String a : args) {
            if (mayHoldCredential(a)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return args;
        }
        String[] cleaned = argvRules(args);
        List<String> out = new ArrayList<>(args.size());
        boolean changed = false;
        for (int i = 0; i < args.size(); i++) {
            String a = cleaned[i] != null ? cleaned[i] : args.get(i);
            // An argument with spaces is a script of its own (sh -c "mysql -pX db").
            String c = hasWhitespace(a) ? commandLine(a) : text(a);
            changed |= !c.equals(args.get(i));
            out.add(c);
        }
        return changed ? out : args;
    }

    /** Any other text: tokens, JWTs, Authorization values, URL passwords, credential-named keys. */
    public static String text(String s) {
        if (s == null || !mayHoldCredential(s)) {
            return s;
        }
        String out = s;
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(REDACTED);
        }
        out = replace(AUTHORIZATION, out, "$1" + REDACTED);
        out = replace(BEARER, out, "$1" + REDACTED);
        out = replace(URL_PASSWORD, out, "$1:" + REDACTED + "@");
        out = replace(KEY_VALUE, out, "$1" + REDACTED);
        return out;
    }

    /** True when the text contains a word that some credential pattern needs; cheap, no allocation. */
    public static boolean mayHoldCredential(String s) {
        return mayHoldCredential(s, 0);
    }

    private static boolean mayHoldCredential(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            boolean hit =
                    switch (s.charAt(i)) {
                        case 'b', 'B' -> at(s, i, "bearer");
                        case 'e', 'E' -> at(s, i, "eyj");
                        case 'p', 'P' -> at(s, i, "pass") || at(s, i, "pwd");
                        case 's', 'S' -> at(s, i, "secret");
                        case 't', 'T' -> at(s, i, "token");
                        case 'k', 'K' -> at(s, i, "key");
                        case 'a', 'A' -> at(s, i, "auth");
                        case 'c', 'C' -> at(s, i, "cred") || at(s, i, "curl");
                        case 'm', 'M' -> at(s, i, "mysql") || at(s, i, "mariadb") || at(s, i, "mongo");
                        case 'r', 'R' -> at(s, i, "redis");
                        case '-' -> at(s, i, "-u");
                        case '@' -> true;
                        default -> false;
                    };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    private static boolean at(String s, int i, String word) {
        return s.regionMatches(true, i, word, 0, word.length());
    }

    private static String replace(Pattern pattern, String s, String replacement) {
        Matcher m = pattern.matcher(s);
        return m.find() ? m.replaceAll(replacement) : s;
    }

    /** Flag-aware rules over words: per index, the replacement, or null to keep the word. */
    private static String[] argvRules(List<String> args) {
        int n = args.size();
        String[] out = new String[n];
        boolean mysql = false;
        boolean redis = false;
        boolean sshpassOrMongo = false;
        boolean curl = false;
        for (String a : args) {
            String program = a.substring(a.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            // "contains": the program may be quoted in a log's key=value text (cmd=mysql) or versioned (mysql8).
            mysql |= program.contains("mysql") || program.contains("mariadb");
            redis |= program.contains("redis-cli");
            sshpassOrMongo |= program.contains("sshpass") || program.contains("mongo");
            curl |= program.contains("curl");
        }
        for (int i = 0; i < n; i++) {
            String a = args.get(i);
            boolean hasNext = i + 1 < n;
            Matcher withValue = FLAG_WITH_VALUE.matcher(a);
            if (mysql && a.length() > 2 && a.startsWith("-p")) {
                out[i] = "-p" + REDACTED;
            } else if (withValue.matches()) {
                out[i] = withValue.group(1) + REDACTED;
            } else if (hasNext && FLAG.matcher(a).matches()) {
                out[++i] = REDACTED;
            } else if (hasNext && ((redis && a.equals("-a")) || (sshpassOrMongo && a.equals("-p")))) {
                out[++i] = REDACTED;
            } else if (curl && hasNext && (a.equals("-u") || a.equals("--user"))) {
                out[i + 1] = userWithoutPassword(args.get(i + 1));
                i++;
            } else if (curl && a.startsWith("-u") && a.length() > 2) {
                out[i] = "-u" + userWithoutPassword(a.substring(2));
            }
        }
        return out;
    }

    private static String userWithoutPassword(String userPassword) {
        int colon = userPassword.indexOf(':');
        return colon < 0 ? userPassword : userPassword.substring(0, colon + 1) + REDACTED;
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A query string with its parameters decoded, redacted and, where changed, re-encoded. */
    private static String query(String query) {
        List<String> names = new ArrayList<>();
        List<String> rawParams = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            String param = query.substring(start, end);
            int eq = param.indexOf('=');
            rawParams.add(param);
            String name = UriCoding.decode(eq < 0 ? param : param.substring(0, eq), true);
            names.add(name);
            // Kubernetes reads an exec argument's plus as a space; elsewhere a plus may be part of a token.
            values.add(eq < 0 ? null : UriCoding.decode(param.substring(eq + 1), name.equals("command")));
            start = end + 1;
        }
        String[] cleaned = new String[values.size()];
        List<String> command = new ArrayList<>();
        List<Integer> commandAt = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                continue;
            }
            String name = names.get(i);
            if (name.equals("command")) {
                command.add(value);
                commandAt.add(i);
            } else if (FLAG.matcher("-" + name).matches()) {
                cleaned[i] = REDACTED;
            } else {
                String c = text(value);
                if (!c.equals(value)) {
                    cleaned[i] = c;
                }
            }
        }
        List<String> cleanCommand = argv(command);
        if (cleanCommand != command) {
            for (int k = 0; k < command.size(); k++) {
                if (!cleanCommand.get(k).equals(command.get(k))) {
                    cleaned[commandAt.get(k)] = cleanCommand.get(k);
                }
            }
        }
        StringBuilder out = null;
        for (int i = 0; i < rawParams.size(); i++) {
            if (cleaned[i] != null && out == null) {
                out = new StringBuilder(query.length() + 16);
                for (int k = 0; k < i; k++) {
                    out.append(rawParams.get(k)).append('&');
                }
            }
            if (out != null) {
                if (cleaned[i] != null) {
                    String raw = rawParams.get(i);
                    boolean isCommand = names.get(i).equals("command");
                    out.append(raw, 0, raw.indexOf('=') + 1).append(UriCoding.encode(cleaned[i], isCommand));
                } else {
                    out.append(rawParams.get(i));
                }
                if (i + 1 < rawParams.size()) {
                    out.append('&');
                }
            }
        }
        return out == null ? query : out.toString();
    }
}
