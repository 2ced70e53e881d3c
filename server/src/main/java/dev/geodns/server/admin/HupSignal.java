package dev.geodns.server.admin;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reloads on SIGHUP, the Unix convention for "read your configuration again". Uses
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) through reflection, so a JVM without it,
 * or a platform without SIGHUP, or a JVM run with {@code -Xrs}, or a process that inherited SIGHUP as
 * ignored (nohup), simply goes without: {@link #install} says whether it worked and never throws.
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
        if (ignoredByInheritance(Path.of("/proc/self/status"))) {
            // The JVM keeps an inherited SIG_IGN and then quietly never calls our handler.
            return "SIGHUP is ignored in this process, as under nohup";
        }
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

    /**
     * True when the process status file ({@code /proc/self/status} on Linux) lists SIGHUP among the
     * ignored signals: bit 0 of the {@code SigIgn} mask, as SIGHUP is signal 1. False when the file
     * is absent or unreadable (another platform: we cannot tell, so we try).
     */
    static boolean ignoredByInheritance(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & 1L) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Sends SIGHUP to this JVM (for tests); only call it after {@link #install} succeeded. */
    static void raise() throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
        signalClass.getMethod("raise", signalClass).invoke(null, signal);
    }
}
