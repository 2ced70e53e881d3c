package dev.geodns.server.admin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * Reloads on SIGHUP, the Unix convention for "read your configuration again". Uses
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) through reflection, so a JVM without it,
 * or a platform without SIGHUP, or a JVM run with {@code -Xrs}, simply goes without: {@link #install}
 * says whether it worked and never throws.
 */
public final class HupSignal {
    private HupSignal() {
    }

    /**
     * Runs {@code action} on every SIGHUP; the action runs on the JVM's signal thread, so it should
     * only hand the work on (e.g. {@link WorldReloader#reloadLater}).
     *
     * @return null when installed, else why not
     */
    public static String install(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler invocation = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle":
                        action.run();
                        return null;
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    case "toString":
                        return "geodns SIGHUP handler";
                    default:
                        return null;
                }
            };
            Object handler = Proxy.newProxyInstance(HupSignal.class.getClassLoader(), new Class<?>[] {handlerClass},
                    invocation);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
                    ? ite.getCause() : e;
            return cause.toString();
        }
    }

    /** Sends SIGHUP to this JVM (for tests); only call it after {@link #install} succeeded. */
    static void raise() throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
        signalClass.getMethod("raise", signalClass).invoke(null, signal);
    }
}
