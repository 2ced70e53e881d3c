package dev.geodns.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geodns.server.cli.CliRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geodns explain --server URL} asks a running server, so it sees that server's drains. */
class ExplainRemoteTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void explainAsksTheRunningServer() throws Exception {
        try (AdminFixture f = AdminFixture.start(dir)) {
            f.server.drain("fra");
            CliRun json = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.1.1", "--server", f.admin.url(), "--json");
            assertThat(json.code()).as(json.err()).isZero();
            Map<String, Object> body = new ObjectMapper().readValue(json.out(), Map.class);
            Map<String, Object> decision = (Map<String, Object>) body.get("decision");
            assertThat(decision.get("drainedSkipped")).isEqualTo(java.util.List.of("fra"));
            assertThat(decision.get("site")).isNotEqualTo("fra");

            CliRun text = CliRun.of("explain", "www.example.org", "--source", "127.0.0.1", "--server", f.admin.url() + "/");
            assertThat(text.code()).as(text.err()).isZero();
            assertThat(text.out()).contains("rcode: NOERROR").contains("192.0.2.1");
        }
    }

    @Test
    void remoteExplainShowsTheTopCandidatesDownToTheChosenOne() throws Exception {
        try (AdminFixture f = AdminFixture.start(dir)) {
            f.server.drain("fra");
            CliRun text = CliRun.of("explain", "outlook.office365.com", "--source", "127.0.1.1", "--server", f.admin.url(),
                    "--top", "1");
            assertThat(text.code()).as(text.err()).isZero();
            // fra (drained, skipped) and then the chosen site: two, though --top 1.
            assertThat(text.out().split("chosen: ", -1)).hasSize(3);
            assertThat(text.out()).contains("chosen: true").contains("more, in preference order (--top 0 shows all)");
        }
    }

    @Test
    void explainReportsTheServersErrorAndAnUnreachableServer() throws Exception {
        try (AdminFixture f = AdminFixture.start(dir, AdminAuth.token("t0ken"))) {
            CliRun denied = CliRun.of("explain", "www.example.org", "--source", "127.0.0.1", "--server", f.admin.url());
            assertThat(denied.code()).isEqualTo(1);
            assertThat(denied.err()).contains("401").contains("bearer token is required");
        }
        CliRun down = CliRun.of("explain", "www.example.org", "--source", "127.0.0.1", "--server", "http://127.0.0.1:1");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach");
    }
}
