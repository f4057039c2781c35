package dev.headroom.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs trials on a fixed number of threads of this JVM, one simulation per thread at a time. */
public final class LocalExecutor implements Executor {
    private final ExecutorService pool;
    private final int threads;

    public LocalExecutor(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "headroom-plan");
            t.setDaemon(true);
            return t;
        });
    }

    /** One thread per core. */
    public static LocalExecutor onAllCores() {
        return new LocalExecutor(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public List<Evaluation> evaluate(List<Trial> trials) throws InterruptedException {
        List<Future<Evaluation>> futures = new ArrayList<>();
        for (Trial t : trials) {
            futures.add(pool.submit(() -> TrialRunner.run(t)));
        }
        List<Evaluation> out = new ArrayList<>(trials.size());
        try {
            for (Future<Evaluation> f : futures) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            for (Future<Evaluation> f : futures) {
                f.cancel(true);
            }
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a trial failed", cause);
        }
        return out;
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
