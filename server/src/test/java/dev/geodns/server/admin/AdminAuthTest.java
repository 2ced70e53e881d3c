package dev.geodns.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.geodns.server.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use the admin API. Non-loopback addresses appear only as values handed to the validation
 * logic: nothing here binds or sends to them.
 */
class AdminAuthTest {
    private static InetSocketAddress at(String literal) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), 9153);
    }

    @Test
    void loopbackWithoutTokenIsOpen() throws Exception {
        assertThat(AdminAuth.forListener(at("127.0.0.1"), null).required()).isFalse();
        assertThat(AdminAuth.forListener(at("::1"), null).required()).isFalse();
        assertThat(AdminAuth.forListener(at("127.0.0.1"), null).allows(null)).isTrue();
    }

    @Test
    void nonLoopbackWithoutTokenIsRefusedWithAClearError() {
        for (String address : new String[] {"192.0.2.1", "0.0.0.0", "2001:db8::1", "::"}) {
            assertThatThrownBy(() -> AdminAuth.forListener(at(address), null))
                    .as(address)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a loopback address")
                    .hasMessageContaining("--admin-token-file")
                    .hasMessageContaining(AdminAuth.TOKEN_ENV);
        }
    }

    @Test
    void nonLoopbackWithTokenRequiresIt() throws Exception {
        AdminAuth auth = AdminAuth.forListener(at("192.0.2.1"), "s3cret-token");
        assertThat(auth.required()).isTrue();
        assertThat(auth.allows("Bearer s3cret-token")).isTrue();
        assertThat(auth.allows("bearer s3cret-token")).isTrue();
        assertThat(auth.allows(null)).isFalse();
        assertThat(auth.allows("")).isFalse();
        assertThat(auth.allows("Bearer ")).isFalse();
        assertThat(auth.allows("Bearer s3cret-tokeN")).isFalse();
        assertThat(auth.allows("Bearer s3cret-token-and-more")).isFalse();
        assertThat(auth.allows("Basic czNjcmV0LXRva2Vu")).isFalse();
        assertThat(auth.allows("s3cret-token")).isFalse();
    }

    @Test
    void tokenComesFromTheFileElseTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file \n");
        assertThat(AdminAuth.loadToken(file, Map.of(AdminAuth.TOKEN_ENV, "from-env"))).isEqualTo("from-file");
        assertThat(AdminAuth.loadToken(null, Map.of(AdminAuth.TOKEN_ENV, "from-env"))).isEqualTo("from-env");
        assertThat(AdminAuth.loadToken(null, Map.of())).isNull();
        assertThat(AdminAuth.loadToken(null, Map.of(AdminAuth.TOKEN_ENV, "  "))).isNull();
        Files.writeString(file, "\n\n");
        assertThatThrownBy(() -> AdminAuth.loadToken(file, Map.of())).hasMessageContaining("is empty");
    }

    @Test
    void requestsWithoutOrWithAWrongTokenGet401(@TempDir Path dir) throws Exception {
        try (AdminFixture f = AdminFixture.start(dir, AdminAuth.token("s3cret-token"))) {
            HttpResponse<String> none = f.send("GET", "/health", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(AdminFixture.json(none)).containsEntry("status", 401);

            assertThat(f.send("GET", "/health", "wrong").statusCode()).isEqualTo(401);
            assertThat(f.send("POST", "/sites/fra/drain", "wrong").statusCode()).isEqualTo(401);
            assertThat(f.server.drainedSites()).isEmpty();

            assertThat(f.send("GET", "/health", "s3cret-token").statusCode()).isEqualTo(200);
            assertThat(f.send("POST", "/sites/fra/drain", "s3cret-token").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void serveRefusesToStartOnANonLoopbackAdminAddressWithoutToken() {
        assumeTrue(System.getenv(AdminAuth.TOKEN_ENV) == null, "a token is set in the environment");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // Refused before anything binds: the admin address is only validated.
            code = Main.run("serve", "--admin", "192.0.2.1:9153", "--dns", "127.0.0.1:0");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a loopback address").contains("--admin-token-file");
    }
}
