package dev.geodns.testbed.resolvers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dig, kdig and dnsjava asking through one unbound from the client's own address see the same answer. */
class StubClientTest {
    @Test
    void allThreeClientsGetTheSameChainFromTheirOwnAddress() throws Exception {
        try (Lab lab = Lab.builtIn()) {
            ResolverProcess london = lab.start(lab.spec(ResolverKind.UNBOUND, "127.0.7.53").withEcs(EcsMode.CLIENT));
            List<ResolverAnswer> answers = new ArrayList<>();
            String[] clients = {"127.0.4.11", "127.0.4.12", "127.0.3.13"};
            StubClient[] stubs = {StubClient.dig(), StubClient.kdig(), StubClient.dnsjava()};
            for (int i = 0; i < stubs.length; i++) {
                answers.add(Lab.ask(lab.client(stubs[i]), london, clients[i], "outlook.office365.com"));
            }
            assertThat(answers).extracting(a -> a.answer().tool()).containsExactly("dig", "kdig", "dnsjava");
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.answer().rcode()).isEqualTo("NOERROR");
                assertThat(a.answer().cnameChain()).hasSize(3);
                assertThat(a.answer().addresses()).hasSize(4);
                assertThat(a.answer().addressTtl()).isBetween(0L, 10L);
                assertThat(a.answer().cnameTtl("outlook.office365.com")).isBetween(290L, 300L);
            });
            // Sydney twice (the same /24: the second from the cache), then Singapore: ECS shows each client's own /24.
            assertThat(answers).extracting(ResolverAnswer::site).containsExactly("syd", "syd", "sin");
            assertThat(answers).extracting(ResolverAnswer::cacheHit).containsExactly(false, true, false);
            assertThat(answers.get(0).ecsSeenByEmulator()).containsExactly("127.0.4.0/24");
            assertThat(answers.get(2).ecsSeenByEmulator()).containsExactly("127.0.3.0/24");
        }
    }
}
