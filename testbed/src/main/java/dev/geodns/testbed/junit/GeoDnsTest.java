package dev.geodns.testbed.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the annotated class (or the annotated test method) against a fresh GeoDNS
 * Emulator server, in the style of MockWebServer: the server listens on 127.0.0.1 on an ephemeral
 * port (UDP and TCP on the same port), the test gets a {@link GeoDnsLab} as a parameter or in a
 * field of that type, scripts it (drain/restore sites, fault rules, reloads), runs the code under
 * test, then checks the queries that arrived and the routing decision of each. The server is
 * stopped after each test (after the class with {@link #perClass()}).
 *
 * <pre>{@code
 * @GeoDnsTest
 * class MyTest {
 *     @Test
 *     void asks(GeoDnsLab lab) { ... lab.address() ... lab.queries() ... }
 * }
 * }</pre>
 *
 * A method-level annotation overrides the class-level one (and gives that test a lab of its own).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GeoDnsExtension.class)
public @interface GeoDnsTest {
    /**
     * The world to serve: {@code builtin} (the Office 365 world, the default),
     * {@code classpath:/some/world.yaml}, or a file path (relative to the working directory).
     */
    String world() default "builtin";

    /** Site ids drained before the test starts. */
    String[] drained() default {};

    /** Also listen on {@code [::1]} (an ephemeral port of its own: {@link GeoDnsLab#ipv6Address()}). */
    boolean ipv6() default false;

    /**
     * One lab for the whole test class (on the class only): started before the first test, stopped
     * after the last, and injectable into static fields and {@code @BeforeAll} methods too. What a
     * test changes (drains, fault rules, the record of queries) stays for the next test.
     */
    boolean perClass() default false;

    /**
     * Serve the world on the loopback answer plan (every site answers from its own
     * {@code 127.64.x.0/24}) and start an HTTP and HTTPS front door at every site address on two
     * free high ports: {@link GeoDnsLab#frontDoors()}. Each request is linked to the DNS decision its
     * client followed.
     */
    boolean frontDoors() default false;
}
