package dev.geodns.server.engine;

import static dev.geodns.server.engine.EngineFixture.ask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.server.WorldState;
import dev.geodns.server.dns.Template;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Every answer comes from kept wire bytes: wildcard answers for any covered name, and every query
 * type, including those no name has data of. Answers are read back with dnsjava from the wire.
 */
class AnswersTest {
    private final WorldState world = EngineFixture.state();
    private final QueryEngine engine = new QueryEngine(world::current, QueryObserver.NONE);

    private static Name name(String s) {
        return Name.fromConstantString(s);
    }

    /** The additional section without our OPT record. */
    private static List<Record> additional(Message m) {
        return m.getSection(Section.ADDITIONAL).stream().filter(r -> r.getType() != Type.OPT).toList();
    }

    private Template kept(String qname, int qtype) {
        Snapshot snapshot = world.current().snapshot();
        Lookup lookup = new Lookup();
        byte[] key = name(qname).toWireCanonical();
        snapshot.lookup(key, key.length, qtype, lookup);
        return snapshot.answers.answer(lookup, qtype, -1);
    }

    @Test
    void aWildcardAnswersEveryCoveredNameWithThatNameAsOwner() {
        for (String asked : List.of("a.w.types.example.", "Mixed-Case.W.Types.Example.",
                "a.much.deeper.name.with.many.labels.below.the.wildcard.w.types.example.",
                "x".repeat(63) + "." + "y".repeat(63) + ".w.types.example.")) {
            Message a = ask(engine, asked, Type.A);
            assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(a.getHeader().getFlag(org.xbill.DNS.Flags.AA)).isTrue();
            List<Record> answer = a.getSection(Section.ANSWER);
            assertThat(answer).singleElement().isInstanceOfSatisfying(ARecord.class, r -> {
                assertThat(r.getName()).isEqualTo(name(asked));
                assertThat(r.getName().toString()).isEqualTo(asked); // the client's spelling (DNS 0x20)
                assertThat(r.getAddress().getHostAddress()).isEqualTo("192.0.2.99");
                assertThat(r.getTTL()).isEqualTo(600);
            });

            Message txt = ask(engine, asked, Type.TXT);
            assertThat(txt.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(TXTRecord.class, r -> {
                assertThat(r.getName()).isEqualTo(name(asked));
                assertThat(r.getStrings()).containsExactly("synthesized");
            });

            Message mx = ask(engine, asked, Type.MX);
            assertThat(mx.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(MXRecord.class, r -> {
                assertThat(r.getName()).isEqualTo(name(asked));
                assertThat(r.getTarget()).isEqualTo(name("mx1.types.example."));
            });
            assertThat(additional(mx)).singleElement().satisfies(r -> {
                assertThat(r.getName()).isEqualTo(name("mx1.types.example."));
                assertThat(r.rdataToString()).isEqualTo("192.0.2.25");
            });

            Message nodata = ask(engine, asked, Type.AAAA);
            assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
            assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOfSatisfying(SOARecord.class,
                    r -> assertThat(r.getTTL()).isEqualTo(120));

            Message any = ask(engine, asked, Type.ANY); // RFC 8482: several RRsets, one HINFO
            assertThat(any.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(HINFORecord.class,
                    r -> assertThat(r.getName()).isEqualTo(name(asked)));
        }
        // An existing name under the wildcard is answered from its own data, not synthesized.
        assertThat(ask(engine, "host.w.types.example.", Type.A).getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("192.0.2.100"));
        assertThat(ask(engine, "host.w.types.example.", Type.TXT).getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void aWildcardCnameIsFollowedToItsTarget() {
        for (String asked : List.of("a.cn.types.example.", "b.c.d.CN.types.example.")) {
            Message m = ask(engine, asked, Type.A);
            List<Record> answer = m.getSection(Section.ANSWER);
            assertThat(answer).hasSize(2);
            assertThat(answer.get(0)).isInstanceOfSatisfying(CNAMERecord.class, r -> {
                assertThat(r.getName()).isEqualTo(name(asked));
                assertThat(r.getTarget()).isEqualTo(name("www.types.example."));
            });
            assertThat(answer.get(1)).isInstanceOfSatisfying(ARecord.class, r -> {
                assertThat(r.getName()).isEqualTo(name("www.types.example."));
                assertThat(r.getAddress().getHostAddress()).isEqualTo("192.0.2.10");
            });
            Message caa = ask(engine, asked, Type.CAA);
            assertThat(caa.getSection(Section.ANSWER)).hasSize(2).last().isInstanceOf(CAARecord.class);
        }
    }

    @Test
    void oneTemplateServesEveryNameAWildcardCovers() {
        Template first = kept("first.w.types.example.", Type.A);
        assertThat(kept("a.second.one.w.types.example.", Type.A)).isSameAs(first);
        assertThat(kept("*.w.types.example.", Type.A)).isSameAs(first);
        assertThat(kept("other.w.types.example.", Type.TXT)).isNotSameAs(first)
                .isSameAs(kept("more.w.types.example.", Type.TXT));
        assertThat(kept("x.one.types.example.", Type.AAAA)).isSameAs(kept("yy.one.types.example.", Type.AAAA));
    }

    @Test
    void typesBeyondTheCommonOnesAreAnsweredFromZoneData() {
        Message txt = ask(engine, "www.types.example.", Type.TXT);
        assertThat(txt.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(TXTRecord.class,
                r -> assertThat(r.getStrings()).containsExactly("hello", "world"));
        Message caa = ask(engine, "www.types.example.", Type.CAA);
        assertThat(caa.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(CAARecord.class, r -> {
            assertThat(r.getTag()).isEqualTo("issue");
            assertThat(r.getValue()).isEqualTo("ca.example.net");
        });
        Message mx = ask(engine, "mail.types.example.", Type.MX);
        assertThat(mx.getSection(Section.ANSWER)).hasSize(2).allMatch(r -> r instanceof MXRecord);
        assertThat(additional(mx)).extracting(Record::getType).containsExactly(Type.A, Type.AAAA);
        Message srv = ask(engine, "_sip._tcp.types.example.", Type.SRV);
        assertThat(srv.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(SRVRecord.class, r -> {
            assertThat(r.getPort()).isEqualTo(5060);
            assertThat(r.getTarget()).isEqualTo(name("sip.types.example."));
        });
        assertThat(additional(srv)).singleElement().isInstanceOf(ARecord.class);
    }

    @Test
    void aTypeTheNameLacksIsNodataAndSharesOneTemplatePerName() {
        for (int type : new int[] {Type.NAPTR, Type.LOC, Type.SSHFP, 65280}) {
            Message m = ask(engine, "www.types.example.", type);
            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getSection(Section.ANSWER)).isEmpty();
            assertThat(m.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        }
        Template naptr = kept("www.types.example.", Type.NAPTR);
        assertThat(kept("www.types.example.", Type.LOC)).isSameAs(naptr);
        assertThat(kept("www.types.example.", 65280)).isSameAs(naptr);
        // A type some other name has (MX) keeps its own template here: also NODATA.
        Template mx = kept("www.types.example.", Type.MX);
        assertThat(mx).isNotSameAs(naptr);
        assertThat(mx.sameAs(naptr)).isTrue();
        // Every type keeps what it built: the second query is the same bytes object, not a rebuild.
        for (int type : new int[] {Type.TXT, Type.CAA, Type.NAPTR, Type.AAAA}) {
            assertThat(kept("www.types.example.", type)).isSameAs(kept("www.types.example.", type));
        }
        assertThat(kept("mail.types.example.", Type.MX)).isSameAs(kept("mail.types.example.", Type.MX));
        assertThat(kept("_sip._tcp.types.example.", Type.SRV)).isSameAs(kept("_sip._tcp.types.example.", Type.SRV));
    }

    @Test
    void aCnameChainEndsWithTheTargetsAnswerForAnyType() {
        // www.example.org has A and AAAA: alias -> www, then NODATA for a type www lacks.
        Message m = ask(engine, "alias.example.org.", Type.NAPTR);
        assertThat(m.getSection(Section.ANSWER)).singleElement().isInstanceOf(CNAMERecord.class);
        assertThat(m.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        assertThat(ask(engine, "alias.example.org.", Type.AAAA).getSection(Section.ANSWER)).hasSize(2).last()
                .isInstanceOf(AAAARecord.class);
    }

    @Test
    void theWalkEndsWhereRfc1034Says() {
        Snapshot snapshot = world.current().snapshot();
        Lookup l = new Lookup();
        record Case(String name, int type, Lookup.Outcome outcome, String node) {
        }
        for (Case c : List.of(
                new Case("www.example.org.", Type.A, Lookup.Outcome.EXACT, "www.example.org."),
                new Case("c.deep.example.org.", Type.A, Lookup.Outcome.EXACT, "c.deep.example.org."), // empty non-terminal
                new Case("x.y.w.types.example.", Type.A, Lookup.Outcome.WILDCARD, "*.w.types.example."),
                new Case("deep.below.sub.example.org.", Type.A, Lookup.Outcome.REFERRAL, "sub.example.org."),
                new Case("sub.example.org.", Type.A, Lookup.Outcome.REFERRAL, "sub.example.org."),
                new Case("sub.example.org.", Type.DS, Lookup.Outcome.EXACT, "sub.example.org."),
                new Case("www.sub.example.org.", Type.DS, Lookup.Outcome.REFERRAL, "sub.example.org."),
                new Case("nx.example.org.", Type.A, Lookup.Outcome.NXDOMAIN, null),
                new Case("example.net.", Type.A, Lookup.Outcome.REFUSED, null),
                new Case(".", Type.NS, Lookup.Outcome.REFUSED, null))) {
            byte[] key = name(c.name()).toWireCanonical();
            snapshot.lookup(key, key.length, c.type(), l);
            assertThat(l.outcome).as(c.name()).isEqualTo(c.outcome());
            if (c.node() != null) {
                assertThat(l.node.name).as(c.name()).isEqualTo(name(c.node()));
            }
        }
    }
}
