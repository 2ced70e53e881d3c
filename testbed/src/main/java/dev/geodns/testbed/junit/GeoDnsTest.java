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
 * field of that type, scripts it (drain/restore sites), runs the code under test, then checks the
 * queries that arrived. The server is stopped after each test.
 *
 * <pre>{@code
 * @GeoDnsTest
 * class MyTest {
 *     @Test
 *     void asks(GeoDnsLab lab) { ... lab.address() ... lab.queries() ... }
 * }
 * }</pre>
 *
 * A method-level annotation overrides the class-level one.
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
}
