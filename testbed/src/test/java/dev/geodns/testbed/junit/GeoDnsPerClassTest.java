package dev.geodns.testbed.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code perClass = true}: one server for the class, in static fields and {@code @BeforeAll} too; state stays. */
@GeoDnsTest(perClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeoDnsPerClassTest {
    static GeoDnsLab shared;
    static int portBeforeAll;
    GeoDnsLab perInstance;

    @BeforeAll
    static void drainOnce(GeoDnsLab lab) {
        portBeforeAll = lab.port();
        lab.drain("fra");
    }

    @Test
    @Order(1)
    void everyInjectionGetsTheClassLab(GeoDnsLab parameter) {
        assertThat(shared).isSameAs(parameter).isSameAs(perInstance);
        assertThat(parameter.port()).isEqualTo(portBeforeAll);
        assertThat(parameter.drained()).containsExactly("fra");
        parameter.restore("fra");
        parameter.drain("syd");
    }

    @Test
    @Order(2)
    void theNextTestSeesTheSameServerAndWhatTheFirstChanged(GeoDnsLab parameter) {
        assertThat(parameter).isSameAs(shared);
        assertThat(parameter.port()).isEqualTo(portBeforeAll);
        assertThat(parameter.drained()).containsExactly("syd");
    }

    @Test
    @Order(3)
    @GeoDnsTest
    void aMethodAnnotationGetsALabOfItsOwn(GeoDnsLab parameter) {
        assertThat(parameter).isNotSameAs(shared);
        assertThat(parameter.port()).isNotEqualTo(portBeforeAll);
        assertThat(parameter.drained()).isEmpty();
    }
}
