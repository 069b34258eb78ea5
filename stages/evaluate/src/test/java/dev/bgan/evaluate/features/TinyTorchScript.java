package dev.bgan.evaluate.features;

import dev.bgan.testing.Python;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny TorchScript module written without torch (torch is not on this machine): a TorchScript
 * archive is a zip of the module's TorchScript source and its pickled attributes, which Python's
 * zipfile and pickle write byte for byte reproducibly and libtorch loads. The module returns
 * (2x2 adaptive average pool, flattened: 12 features) and (1x3 pool, flattened: 9 logits).
 */
public final class TinyTorchScript {
  public static final int FEATURES = 12;

  /** Writes the module to argv[1]. */
  private static final String MODULE = String.join("\n",
      "import sys, types, pickle, zipfile",
      "mod = types.ModuleType('__torch__'); sys.modules['__torch__'] = mod",
      "class FeatureNet: pass",
      "FeatureNet.__module__ = '__torch__'; FeatureNet.__qualname__ = 'FeatureNet'; mod.FeatureNet = FeatureNet",
      "net = FeatureNet(); net.training = False",
      "code = '''class FeatureNet(Module):",
      "  __parameters__ = []",
      "  __buffers__ = []",
      "  training : bool",
      "  def forward(self: __torch__.FeatureNet,",
      "    x: Tensor) -> Tuple[Tensor, Tensor]:",
      "    features = torch.flatten(torch.adaptive_avg_pool2d(x, [2, 2]), 1)",
      "    logits = torch.flatten(torch.adaptive_avg_pool2d(x, [1, 3]), 1)",
      "    return (features, logits)",
      "'''",
      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:",
      "    for name, content in [('archive/data.pkl', pickle.dumps(net, protocol=2)),",
      "                          ('archive/code/__torch__.py', code.encode()),",
      "                          ('archive/constants.pkl', pickle.dumps((), protocol=2)),",
      "                          ('archive/version', b'3\\n')]:",
      "        z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)");

  private TinyTorchScript() {}

  /** Writes the module as {@code feature-net.pt} in {@code dir}. */
  public static Path write(Path dir) {
    Path file = dir.resolve("feature-net.pt");
    Python.run(List.of(), MODULE, file.toString());
    return file;
  }
}
