package dev.geodns.testbed.junit;

import dev.geodns.config.LoopbackAnswerPlan;
import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.faults.FaultRules;
import dev.geodns.server.frontdoor.DnsDecisionFeed;
import dev.geodns.server.frontdoor.FrontDoorOptions;
import dev.geodns.server.frontdoor.RecentDecisions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 glue behind {@link GeoDnsTest} (package-private: the annotation is the whole public
 * API). Starts a server before each test (before the class with {@code perClass}), injects the
 * {@link GeoDnsLab} into parameters and fields, and stops the server after the test (the class),
 * whatever its outcome.
 */
final class GeoDnsExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GeoDnsExtension.class);
    private static final String TEST_LAB = "lab";
    private static final String CLASS_LAB = "class-lab";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        GeoDnsTest config = classAnnotation(context).orElse(null);
        if (config == null || !config.perClass()) {
            return;
        }
        GeoDnsLab lab = context.getStore(NAMESPACE).getOrComputeIfAbsent(CLASS_LAB, k -> start(config),
                GeoDnsLab.class);
        inject(context.getRequiredTestClass(), null, lab);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        GeoDnsLab lab = lab(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance.getClass(), instance, lab);
        }
    }

    /** Sets the {@link GeoDnsLab} fields of {@code type}: static ones when {@code instance} is null. */
    private static void inject(Class<?> type, Object instance, GeoDnsLab lab) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == GeoDnsLab.class && Modifier.isStatic(f.getModifiers()) == (instance == null)
                        && !Modifier.isFinal(f.getModifiers())) {
                    f.setAccessible(true);
                    f.set(instance, lab);
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GeoDnsLab lab = context.getStore(NAMESPACE).remove(TEST_LAB, GeoDnsLab.class);
        if (lab != null) {
            lab.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GeoDnsLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return lab(context);
    }

    /** The test's lab: its own when the method is annotated or the class lab is not shared, else the class's. */
    private static GeoDnsLab lab(ExtensionContext context) {
        boolean onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, GeoDnsTest.class)).isPresent();
        if (!onMethod) {
            GeoDnsLab shared = context.getStore(NAMESPACE).get(CLASS_LAB, GeoDnsLab.class);
            if (shared != null) {
                return shared;
            }
        }
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("GeoDnsLab is per test: inject it into a test or @BeforeEach"
                    + " method, or an instance field (or use @GeoDnsTest(perClass = true) on the class)");
        }
        GeoDnsTest config = annotation(context);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TEST_LAB, k -> start(config), GeoDnsLab.class);
    }

    private static GeoDnsLab start(GeoDnsTest config) {
        World world = world(config.world());
        if (config.frontDoors()) {
            try {
                world = LoopbackAnswerPlan.apply(world);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("@GeoDnsTest frontDoors: " + e.getMessage(), e);
            }
        }
        List<ArrivedQuery> arrived = new ArrayList<>();
        BlockingQueue<ArrivedQuery> untaken = new LinkedBlockingQueue<>();
        QueryObserver observer = new QueryObserver() {
            @Override
            public void answered(AnsweredQuery query) {
                ArrivedQuery q = ArrivedQuery.of(query);
                synchronized (arrived) {
                    arrived.add(q);
                    untaken.add(q);
                }
            }
        };
        RecentDecisions decisions = config.frontDoors()
                ? new RecentDecisions(4096, FrontDoorOptions.defaults().decisionWindow()) : null;
        if (decisions != null) {
            observer = observer.andThen(new DnsDecisionFeed(decisions));
        }
        GeoDnsServer.Builder builder = GeoDnsServer.builder().world(world).dns(new InetSocketAddress("127.0.0.1", 0))
                .threads(1).observer(observer).faults(new FaultRules());
        if (config.ipv6()) {
            builder.dns(new InetSocketAddress("::1", 0));
        }
        GeoDnsServer server;
        try {
            server = builder.start();
        } catch (WorldException e) {
            throw new ExtensionConfigurationException("@GeoDnsTest world " + config.world() + " is invalid:\n"
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("cannot start the GeoDNS server"
                    + (config.ipv6() ? " (ipv6 = true needs ::1)" : "") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException("interrupted while starting the GeoDNS server", e);
        }
        LabFrontDoors doors = null;
        if (config.frontDoors()) {
            try {
                doors = LabFrontDoors.start(server, decisions);
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                server.close();
                throw new ExtensionConfigurationException("cannot start the front doors: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                server.close();
                Thread.currentThread().interrupt();
                throw new ExtensionConfigurationException("interrupted while starting the front doors", e);
            }
        }
        GeoDnsLab lab = new GeoDnsLab(server, arrived, untaken, doors);
        try {
            for (String site : config.drained()) {
                lab.drain(site);
            }
        } catch (IllegalArgumentException e) {
            lab.close();
            throw new ExtensionConfigurationException("@GeoDnsTest drained: " + e.getMessage(), e);
        }
        return lab;
    }

    private static Optional<GeoDnsTest> classAnnotation(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<GeoDnsTest> onClass = c.get().getTestClass()
                    .flatMap(k -> AnnotationSupport.findAnnotation(k, GeoDnsTest.class));
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static GeoDnsTest annotation(ExtensionContext context) {
        Optional<GeoDnsTest> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, GeoDnsTest.class));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        return classAnnotation(context).orElseThrow(() -> new ExtensionConfigurationException(
                "GeoDnsLab needs @GeoDnsTest on the test class or method"));
    }

    /** Loads the world named by {@link GeoDnsTest#world()}. */
    static World world(String spec) {
        try {
            if (spec.equals("builtin")) {
                return WorldLoader.builtIn();
            }
            if (spec.startsWith("classpath:")) {
                String resource = spec.substring("classpath:".length());
                try (InputStream in = GeoDnsExtension.class.getResourceAsStream(
                        resource.startsWith("/") ? resource : "/" + resource)) {
                    if (in == null) {
                        throw new ExtensionConfigurationException("@GeoDnsTest world: no classpath resource " + resource);
                    }
                    return WorldLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), spec, null);
                }
            }
            return WorldLoader.load(Path.of(spec));
        } catch (WorldException e) {
            throw new ExtensionConfigurationException("@GeoDnsTest world " + spec + " is invalid:\n" + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@GeoDnsTest world " + spec + ": " + e.getMessage(), e);
        }
    }
}
