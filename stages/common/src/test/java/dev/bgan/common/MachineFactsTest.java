package dev.bgan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.testing.Python;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU line and memory figures against Python's own reading of /proc. */
class MachineFactsTest {
  @Test
  void cpuIsTheModelAndItsVectorFlags() {
    String expected = Python.run(List.of(), """
        info = open('/proc/cpuinfo').read().split('\\n\\n')[0]
        fields = dict((k.strip(), v.strip()) for k, v in (l.split(':', 1) for l in info.splitlines() if ':' in l))
        flags = fields['flags'].split()
        vector = [f for f in ('avx512f', 'avx512_bf16', 'avx2', 'fma', 'avx') if f in flags]
        print(fields['model name'] + ' (' + (' '.join(vector) or 'no AVX') + ')')
        """).strip();
    assertEquals(expected, MachineFacts.cpu());
  }

  @Test
  void residentMemoryGrowsWithTouchedMemoryAndPeakBoundsIt() {
    long before = MachineFacts.rssBytes();
    byte[] block = new byte[256 << 20];
    for (int i = 0; i < block.length; i += 4096) {
      block[i] = 1;
    }
    long after = MachineFacts.rssBytes();
    assertTrue(block[4096] == 1 && after - before > 128L << 20, before + " -> " + after);
    assertTrue(MachineFacts.peakRssBytes() >= after, MachineFacts.peakRssBytes() + " < " + after);
  }
}
