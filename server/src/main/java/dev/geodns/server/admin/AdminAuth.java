package dev.geodns.server.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Who may use the admin API. On a loopback address anyone on the host may (the default); anywhere
 * else a bearer token is required, and an admin listener without one refuses to start. When a
 * token is configured it is required on every request, whatever the address.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken
 * says nothing about how much of a guess was right (not even its length). Immutable, thread-safe.
 */
public final class AdminAuth {
    /** The environment variable that may hold the token. */
    public static final String TOKEN_ENV = "GEODNS_ADMIN_TOKEN";

    private static final String BEARER = "bearer ";
    private final byte[] tokenDigest;

    private AdminAuth(byte[] tokenDigest) {
        this.tokenDigest = tokenDigest;
    }

    /** No token: for loopback listeners. */
    public static AdminAuth open() {
        return new AdminAuth(null);
    }

    /** Requests must carry {@code Authorization: Bearer <token>}. */
    public static AdminAuth token(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token is empty");
        }
        return new AdminAuth(sha256(token));
    }

    /**
     * The rule for a listener on {@code address}: a token when one is given, else open on loopback.
     *
     * @param token the token, or null
     * @throws IllegalArgumentException when the address is not loopback and no token is given
     */
    public static AdminAuth forListener(InetSocketAddress address, String token) {
        if (token != null) {
            return token(token);
        }
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin API would listen on " + address.getHostString() + ":"
                    + address.getPort() + ", which is not a loopback address, without a token: give one with "
                    + "--admin-token-file FILE or the " + TOKEN_ENV + " environment variable, "
                    + "or bind the admin API to 127.0.0.1");
        }
        return open();
    }

    /**
     * The configured token: the first line of {@code tokenFile} when given, else the environment
     * variable {@value #TOKEN_ENV}, else null. Surrounding white space is ignored.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file is empty
     */
    public static String loadToken(Path tokenFile, Map<String, String> env) throws IOException {
        if (tokenFile != null) {
            String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            int eol = text.indexOf('\n');
            String token = (eol < 0 ? text : text.substring(0, eol)).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("admin token file " + tokenFile + " is empty");
            }
            return token;
        }
        String fromEnv = env.get(TOKEN_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    /** Whether requests need a token. */
    public boolean required() {
        return tokenDigest != null;
    }

    /** Whether a request with this {@code Authorization} header value (may be null) is let in. */
    public boolean allows(String authorization) {
        if (tokenDigest == null) {
            return true;
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
