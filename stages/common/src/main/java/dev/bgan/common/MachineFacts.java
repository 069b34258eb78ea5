package dev.bgan.common;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What benchmarks print beside their numbers, since figures move between machines: the CPU model
 * and the instruction sets its float kernels can use, the load, and this process's CPU time and
 * resident memory. Linux's /proc for the CPU and memory; elsewhere "unknown" and -1.
 */
public final class MachineFacts {
  private static final List<String> VECTOR_FLAGS = List.of("avx512f", "avx512_bf16", "avx2", "fma", "avx");

  private MachineFacts() {}

  /** "MODEL (avx512f avx2 ...)" from /proc/cpuinfo's first processor. */
  public static String cpu() {
    List<String> lines = read(Path.of("/proc/cpuinfo"));
    String model = field(lines, "model name");
    List<String> flags = List.of(field(lines, "flags").split(" "));
    List<String> vector = VECTOR_FLAGS.stream().filter(flags::contains).toList();
    return model + " (" + (vector.isEmpty() ? "no AVX" : String.join(" ", vector)) + ")";
  }

  /** CPU seconds this process has used, native threads included, or -1 where the JVM does not say. */
  public static double processCpuSeconds() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        && os.getProcessCpuTime() >= 0 ? os.getProcessCpuTime() / 1e9 : -1;
  }

  /**
   * Seconds this JVM's just-in-time compilers have spent compiling so far, or -1 where the JVM does not
   * say: in a short stage, compiling the libraries' code can cost more CPU than the data work.
   */
  public static double jitSeconds() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : -1;
  }

  /** The system's load average over the last minute, or -1 where unknown. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Resident set size now, in bytes. */
  public static long rssBytes() {
    return statusKilobytes("VmRSS:") * 1024;
  }

  /** The largest resident set size this process has had, in bytes. */
  public static long peakRssBytes() {
    return statusKilobytes("VmHWM:") * 1024;
  }

  private static long statusKilobytes(String key) {
    String value = field(read(Path.of("/proc/self/status")), key.substring(0, key.length() - 1));
    return value.isEmpty() ? -1 : Long.parseLong(value.replace("kB", "").trim());
  }

  private static String field(List<String> lines, String key) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
