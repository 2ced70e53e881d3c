package dev.geodns.testbed.junit;

import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.model.World;
import dev.geodns.server.GeoDnsServer;
import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
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
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 glue behind {@link GeoDnsTest} (package-private: the annotation is the whole public
 * API). Starts a server before each test, injects the {@link GeoDnsLab} into parameters and
 * fields, and stops the server after the test, whatever its outcome.
 */
final class GeoDnsExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GeoDnsExtension.class);
    private static final String KEY = "lab";

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        GeoDnsLab lab = lab(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getType() == GeoDnsLab.class && !Modifier.isStatic(f.getModifiers())
                            && !Modifier.isFinal(f.getModifiers())) {
                        f.setAccessible(true);
                        f.set(instance, lab);
                    }
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GeoDnsLab lab = context.getStore(NAMESPACE).remove(KEY, GeoDnsLab.class);
        if (lab != null) {
            lab.server().close();
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

    private static GeoDnsLab lab(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("GeoDnsLab is per test: inject it into a test or @BeforeEach"
                    + " method, or an instance field");
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> start(context), GeoDnsLab.class);
    }

    private static GeoDnsLab start(ExtensionContext context) {
        GeoDnsTest config = annotation(context);
        World world = world(config.world());
        List<ArrivedQuery> arrived = new ArrayList<>();
        BlockingQueue<ArrivedQuery> untaken = new LinkedBlockingQueue<>();
        QueryObserver observer = new QueryObserver() {
            @Override
            public void answered(AnsweredQuery query) {
                ArrivedQuery q = ArrivedQuery.of(query.event());
                synchronized (arrived) {
                    arrived.add(q);
                    untaken.add(q);
                }
            }
        };
        GeoDnsServer server;
        try {
            server = GeoDnsServer.builder().world(world).dns(new InetSocketAddress("127.0.0.1", 0)).threads(1)
                    .observer(observer).start();
        } catch (WorldException e) {
            throw new ExtensionConfigurationException("@GeoDnsTest world " + config.world() + " is invalid:\n"
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("cannot start the GeoDNS server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException("interrupted while starting the GeoDNS server", e);
        }
        GeoDnsLab lab = new GeoDnsLab(server, arrived, untaken);
        try {
            for (String site : config.drained()) {
                lab.drain(site);
            }
        } catch (IllegalArgumentException e) {
            server.close();
            throw new ExtensionConfigurationException("@GeoDnsTest drained: " + e.getMessage(), e);
        }
        return lab;
    }

    private static GeoDnsTest annotation(ExtensionContext context) {
        Optional<GeoDnsTest> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, GeoDnsTest.class));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<GeoDnsTest> onClass = c.get().getTestClass()
                    .flatMap(k -> AnnotationSupport.findAnnotation(k, GeoDnsTest.class));
            if (onClass.isPresent()) {
                return onClass.get();
            }
        }
        throw new ExtensionConfigurationException("GeoDnsLab needs @GeoDnsTest on the test class or method");
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
