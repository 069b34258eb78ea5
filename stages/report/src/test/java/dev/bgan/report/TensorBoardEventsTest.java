package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.artifact.CachePolicy;
import dev.bgan.proto.EvaluationMetrics;
import dev.bgan.proto.ReportConfig;
import dev.bgan.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's TensorBoard event files, read back by an independent Python decoder of the
 * TFRecord framing (lengths and masked CRC-32C) and of the Event protobuf, against the model's
 * training_log.json.
 */
class TensorBoardEventsTest {
  /** Decodes every event file under argv[1] and compares its scalars with argv[2]'s training log. */
  static final String DECODER = String.join("\n",
      "import json, struct, sys, numpy as np",
      "def crc32c(data):",
      "    crc = 0xFFFFFFFF",
      "    for b in data:",
      "        crc ^= b",
      "        for _ in range(8):",
      "            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)",
      "    return crc ^ 0xFFFFFFFF",
      "def masked(data):",
      "    c = crc32c(data)",
      "    return (((c >> 15) | (c << 17)) + 0xa282ead8) & 0xFFFFFFFF",
      "def records(buf):",
      "    i = 0",
      "    while i < len(buf):",
      "        head = buf[i:i + 8]; (n,) = struct.unpack('<Q', head)",
      "        assert struct.unpack('<I', buf[i + 8:i + 12])[0] == masked(head), 'length crc'",
      "        data = buf[i + 12:i + 12 + n]",
      "        assert struct.unpack('<I', buf[i + 12 + n:i + 16 + n])[0] == masked(data), 'data crc'",
      "        yield data; i += 16 + n",
      "def varint(b, i):",
      "    v = s = 0",
      "    while True:",
      "        x = b[i]; i += 1; v |= (x & 0x7f) << s; s += 7",
      "        if x < 0x80: return v, i",
      "def fields(b):",
      "    i = 0",
      "    while i < len(b):",
      "        key, i = varint(b, i); num, wire = key >> 3, key & 7",
      "        if wire == 0: v, i = varint(b, i)",
      "        elif wire == 1: v = b[i:i + 8]; i += 8",
      "        elif wire == 5: v = b[i:i + 4]; i += 4",
      "        elif wire == 2: n, i = varint(b, i); v = b[i:i + n]; i += n",
      "        else: raise ValueError('wire type %d' % wire)",
      "        yield num, v",
      "events = []",
      "buf = open(sys.argv[1], 'rb').read()",
      "for rec in records(buf):",
      "    e = {'step': 0, 'values': {}}",
      "    for num, v in fields(rec):",
      "        if num == 2: e['step'] = v",
      "        elif num == 3: e['version'] = v.decode()",
      "        elif num == 5:",
      "            for _, val in fields(v):",
      "                f = dict(fields(val)); e['values'][f[1].decode()] = struct.unpack('<f', f[2])[0]",
      "    events.append(e)",
      "log = json.load(open(sys.argv[2]))['entries']",
      "assert events[0].get('version') == 'brain.Event:2', events[0]",
      "compared = 0; worst = 0.0",
      "for e, entry in zip(events[1:], log):",
      "    assert e['step'] == entry['iteration'], (e['step'], entry['iteration'])",
      "    for key, value in entry.items():",
      "        if key == 'iteration': continue",
      "        worst = max(worst, abs(float(np.float32(value)) - e['values'][key])); compared += 1",
      "print(len(events), len(log), compared, worst)");

  @TempDir Path tmp;

  @Test
  void eventFileHoldsEveryLoggedNumberPerIteration() throws Exception {
    ArtifactStore store = ArtifactStore.open(tmp.resolve("store"));
    Artifact data = UpstreamArtifacts.mnist(store);
    Artifact model = UpstreamArtifacts.model(store, data, new UpstreamArtifacts.ModelSettings(2, 2, 100, 1000, 7, true));
    EvaluationMetrics evaluation = UpstreamArtifacts.evaluation(0.9, 0.91, 0.8, 4, 2);
    Artifact metrics = UpstreamArtifacts.metrics(store, model, evaluation);
    Artifact report = new ReportStage().run(store, List.of(metrics.id()), ReportConfig.getDefaultInstance(),
        CachePolicy.REUSE).artifact();

    Path events = report.file(ReportStage.TENSORBOARD_DIR + "/" + model.id() + "/" + TensorBoardEvents.FILE_NAME);
    Path log = model.file(EvaluatedModel.TRAINING_LOG_FILE);
    String[] out = Python.run(List.of("numpy"), DECODER, events.toString(), log.toString()).trim().split(" ");
    int entries = UpstreamArtifacts.trainingLog(new UpstreamArtifacts.ModelSettings(2, 2, 100, 1000, 7, true)).getEntriesCount();
    assertEquals(10, entries);
    assertEquals(String.valueOf(entries + 1), out[0], "a version event, then one per log entry");
    assertEquals(String.valueOf(entries), out[1]);
    assertEquals(String.valueOf(entries * 10), out[2], "ten scalars per entry");
    assertEquals(0.0, Double.parseDouble(out[3]), "each scalar is the logged number as a float");
    assertEquals(1, Files.list(events.getParent()).count());
  }
}
