package com.example.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.testbed.junit.ArrivedQuery;
import dev.geodns.testbed.junit.GeoDnsLab;
import dev.geodns.testbed.junit.GeoDnsTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

@GeoDnsTest // a fresh emulator with the built-in Office 365 world for each test
class FrontDoorTest {

    /** Asks the emulator for the A records of {@code name} from {@code source}, as a resolver there would. */
    static InetAddress resolve(GeoDnsLab lab, String source, String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver(lab.address());
        resolver.setLocalAddress(new InetSocketAddress(source, 0));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
        return answer.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress())
                .findFirst().orElseThrow();
    }

    @Test
    void berlinResolverGetsTheFrankfurtFrontDoor(GeoDnsLab lab) throws Exception {
        // 127.0.6.0/24 is Berlin in the built-in world's lab address plan
        InetAddress address = resolve(lab, "127.0.6.53", "outlook.office365.com.");
        assertThat(lab.siteOf(address).id()).isEqualTo("fra");

        ArrivedQuery query = lab.takeQuery();
        assertThat(query.name()).isEqualTo("outlook.office365.com.");
        assertThat(query.sender().getAddress().getHostAddress()).isEqualTo("127.0.6.53");
        assertThat(query.site()).isEqualTo("fra");
    }

    @Test
    void drainedFrontDoorIsSkipped(GeoDnsLab lab) throws Exception {
        lab.drain("fra");
        InetAddress address = resolve(lab, "127.0.6.53", "outlook.office365.com.");
        assertThat(lab.siteOf(address).id()).isNotEqualTo("fra");
        assertThat(lab.siteOf(address).place().continent().name()).isEqualTo("EU");
    }
}
