package dev.parley.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds used so far by the load generator, the server and the whole machine; the difference
 * of two samples says how a phase shared the cores, and whether processes other than these two took
 * some of them. A figure that cannot be read is NaN.
 *
 * @param wall when the sample was taken ({@link System#nanoTime}, in seconds): a busy machine may
 *     delay a sample, so shares are taken over the time that really passed between two samples
 * @param clientGcMillis time the load generator's collectors took (for the stop-the-world ones on a
 *     core of its own, the time its threads stood still: latency it adds to the figures)
 * @param machine busy time summed over all cores, every process and the kernel included
 * @param machineCpus how many cores {@code machine} is summed over
 */
record CpuTime(
    double wall,
    double client,
    long clientGcMillis,
    double server,
    double machine,
    int machineCpus) {
  /**
   * The unit of the times in /proc. USER_HZ is part of Linux's user-space ABI and is 100 on every
   * architecture Parley targets, whatever the kernel's own tick rate.
   */
  private static final double TICKS_PER_SECOND = 100;

  /**
   * @param serverPid 0 when the server's process is not known
   */
  static CpuTime now(long serverPid) {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // All of this JVM's threads, JIT and GC included: they are part of what load costs.
    double client = os.getProcessCpuTime() / 1e9;
    double server = serverPid > 0 ? processSeconds(serverPid) : Double.NaN;
    double machine = Double.NaN;
    int cpus = 0;
    try {
      List<String> stat = Files.readAllLines(Path.of("/proc/stat"));
      // "cpu  user nice system idle iowait irq softirq steal ...", then one "cpuN" line per core.
      String[] total = stat.getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < total.length && i <= 8; i++) {
        busy += i == 4 || i == 5 ? 0 : Long.parseLong(total[i]);
      }
      machine = busy / TICKS_PER_SECOND;
      cpus = (int) stat.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an unexpected layout: the machine figure stays unknown.
    }
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    return new CpuTime(System.nanoTime() / 1e9, client, gcMillis, server, machine, cpus);
  }

  CpuTime since(CpuTime earlier) {
    return new CpuTime(
        wall - earlier.wall,
        client - earlier.client,
        clientGcMillis - earlier.clientGcMillis,
        server - earlier.server,
        machine - earlier.machine,
        machineCpus);
  }

  /** User plus system time of another process, from /proc/PID/stat. */
  private static double processSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may hold spaces; fields resume after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are 11 and 12.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
