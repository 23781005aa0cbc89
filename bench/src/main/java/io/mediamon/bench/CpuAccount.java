package io.mediamon.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a stretch of a benchmark's CPU went: the process's CPU time, the JIT compiler's and the collectors' time, and
 * the CPU of Java threads grouped by what they do (stream threads, lake sink, broker, ...), sampled every 200 ms so
 * threads that end within the stretch (a run's broker) are counted up to their last sample.
 */
final class CpuAccount implements AutoCloseable {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Map<Long, Long> startCpu = new HashMap<>();
  private final Map<Long, Long> lastCpu = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final long processStart = os.getProcessCpuTime();
  private final long jitStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  private final long gcStart = gcMillis();
  private final Thread sampler;
  private volatile boolean running = true;
  private double jitShare;

  CpuAccount() {
    sample(true);
    sampler = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
        sample(false);
      }
    }, "cpu-account");
    sampler.setDaemon(true);
    sampler.start();
  }

  private synchronized void sample(boolean first) {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (cpu < 0 || infos[i] == null) {
        continue;
      }
      names.putIfAbsent(ids[i], infos[i].getThreadName());
      if (first) {
        startCpu.put(ids[i], cpu);
      } else {
        startCpu.putIfAbsent(ids[i], 0L);
      }
      lastCpu.put(ids[i], cpu);
    }
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** What a thread does, from its name. */
  static String role(String name) {
    // client threads first: a Streams producer's network thread and a consumer's heartbeat carry the owner's name
    if (name.startsWith("kafka-producer-network-thread")) {
      return "producers' network threads";
    }
    if (name.startsWith("kafka-coordinator-heartbeat-thread") || name.startsWith("kafka-admin-client-thread")) {
      return "consumers' and admin clients' threads";
    }
    if (name.contains("StreamThread")) {
      return name.contains("alerts") ? "alerts stream threads" : "enrich stream threads";
    }
    if (name.contains("mediamon-sink")) {
      return "lake sink";
    }
    if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-") || name.contains("Txn")
        || name.contains("coordinator") || name.contains("quorum") || name.contains("raft")
        || name.startsWith("log-") || name.startsWith("ExpirationReaper") || name.contains("broker")) {
      return "broker";
    }
    if (name.equals("main") || name.startsWith("mediamon-ingest") || name.startsWith("mediamon-poll")) {
      return "ingest (main)";
    }
    return "other Java threads";
  }

  /** One line per role and the process total, per document. */
  String report(int documents) {
    running = false;
    sampler.interrupt();
    sample(false);
    Map<String, Long> byRole = new TreeMap<>();
    synchronized (this) {
      lastCpu.forEach((id, cpu) -> byRole.merge(role(names.get(id)), cpu - startCpu.getOrDefault(id, 0L), Long::sum));
    }
    double process = (os.getProcessCpuTime() - processStart) / 1e6;
    double jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStart;
    double gc = gcMillis() - gcStart;
    jitShare = process > 0 ? jit / process : 0;
    Map<String, Double> lines = new LinkedHashMap<>();
    byRole.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> lines.put(e.getKey(), e.getValue() / 1e6));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "  CPU of the pass: %.1f s in all, %.1f ms per document; JIT compiler %.1f s, collectors' pauses %.1f s%n",
        process / 1000, process / documents, jit / 1000, gc / 1000));
    lines.forEach((role, ms) -> sb.append(String.format(Locale.ROOT, "    %-28s %6.1f s  %5.1f ms/document  %4.0f %%%n",
        role, ms / 1000, ms / documents, 100 * ms / process)));
    return sb.toString();
  }

  /**
   * The JIT compiler's time over the process's CPU time, as of {@link #report}: how far the stretch still was from
   * running compiled code. The compiler's time is the JVM's total compilation time (summed over its compiler threads,
   * as they ran), not their CPU time: on busy cores it runs a little high.
   */
  double jitShare() {
    return jitShare;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
