package dev.geodns.server.decisionlog;

import dev.geodns.server.engine.AnsweredQuery;
import dev.geodns.server.engine.QueryObserver;
import dev.geodns.server.metrics.DecisionLogMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The decision log: one JSON line per query (or per sampled query) saying what was asked, from
 * where, how the asker was located, which site answered and why (schema in {@code server/README.md},
 * "Decision log").
 *
 * <p>Off the hot path: on the event loop, {@link #answered} only takes the query's immutable event
 * and offers a small {@link DecisionRecord} to a bounded queue, never blocking; when the queue is full the line
 * is counted as dropped ({@code geodns_decisionlog_lines_total{outcome="dropped"}}) and answering
 * goes on. One writer thread formats and writes, flushing whenever the queue runs empty. Thread-safe.
 */
public final class DecisionLog implements QueryObserver, AutoCloseable {
    /** Records the queue holds before lines are dropped. */
    public static final int DEFAULT_CAPACITY = 16_384;

    private final ArrayBlockingQueue<DecisionRecord> queue;
    private final double sampleRate;
    private final Writer out;
    private final boolean closeOut;
    private final DecisionLogMetrics metrics;
    private final Thread writer;
    private volatile boolean closed;
    private boolean errorReported;

    private DecisionLog(Writer out, boolean closeOut, double sampleRate, int capacity, MeterRegistry registry) {
        if (!(sampleRate >= 0.0 && sampleRate <= 1.0)) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " is not within 0.0..1.0");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sampleRate = sampleRate;
        this.out = out;
        this.closeOut = closeOut;
        this.metrics = new DecisionLogMetrics(registry, queue::size);
        this.writer = new Thread(this::drainLoop, "geodns-decision-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens a log appending to {@code target}, or writing to standard output when it is {@code -}.
     *
     * @param sampleRate the share of queries logged, 0.0..1.0
     * @throws IllegalArgumentException when the rate is out of range
     */
    public static DecisionLog open(String target, double sampleRate, MeterRegistry registry) throws IOException {
        if ("-".equals(target)) {
            Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 64 * 1024);
            return new DecisionLog(stdout, false, sampleRate, DEFAULT_CAPACITY, registry);
        }
        Writer file = Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new DecisionLog(file, true, sampleRate, DEFAULT_CAPACITY, registry);
    }

    /** A log writing to {@code out} (closed with the log when {@code closeOut}); for tests and embedding. */
    public static DecisionLog to(Writer out, boolean closeOut, double sampleRate, int capacity, MeterRegistry registry) {
        return new DecisionLog(out, closeOut, sampleRate, capacity, registry);
    }

    /** Every logged decision carries its {@code latencyUs}. */
    @Override
    public boolean timesEveryAnswer() {
        return true;
    }

    @Override
    public void answered(AnsweredQuery query) {
        if (closed || (sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= sampleRate)) {
            return; // sampled out before the event is made: an unlogged query costs nothing
        }
        if (!queue.offer(new DecisionRecord(System.currentTimeMillis(), query.event()))) {
            metrics.dropped();
        }
    }

    private void drainLoop() {
        List<DecisionRecord> batch = new ArrayList<>(1024);
        while (true) {
            DecisionRecord first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, 1023);
            for (DecisionRecord r : batch) {
                write(r);
            }
            batch.clear();
            if (queue.isEmpty()) {
                flush();
            }
        }
        queue.drainTo(batch);
        batch.forEach(this::write);
        flush();
        if (closeOut) {
            try {
                out.close();
            } catch (IOException e) {
                report(e);
            }
        }
    }

    private void write(DecisionRecord r) {
        try {
            out.write(DecisionJson.format(r));
            out.write('\n');
            metrics.written();
        } catch (IOException | RuntimeException e) {
            metrics.failed();
            report(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            report(e);
        }
    }

    private void report(Exception e) {
        if (!errorReported) {
            errorReported = true; // once: a full disk must not flood standard error
            System.err.println("decision log: " + e + " (further errors are counted, not printed)");
        }
    }

    /** Stops taking records, writes those queued, flushes, and closes the output (unless standard output). */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
