package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.artifact.CachePolicy;
import dev.bgan.common.BadInputException;
import dev.bgan.proto.PrepareConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrepareRequestTest {
  @Test
  void defaultsDownloadFourShardsAndReuse() {
    PrepareRequest request = PrepareRequest.defaults();
    assertEquals(Optional.empty(), request.sourceDir());
    assertEquals(4, request.numShards());
    assertEquals(CachePolicy.REUSE, request.policy());
    assertEquals(PrepareConfig.newBuilder().setDataset("mnist").setNumShards(4).build(), request.config("mnist"));
  }

  @Test
  void shardCountIsCheckedWhereItIsSet() {
    BadInputException e = assertThrows(BadInputException.class, () -> PrepareRequest.defaults().withNumShards(0));
    assertEquals("parameter num_shards: must be 1..99999 (got 0)", e.getMessage());
    assertEquals(99999, PrepareRequest.defaults().withNumShards(99999).numShards());
  }

  @Test
  void aSourceDirectoryAndDownloadExcludeEachOther() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> PrepareRequest.defaults().withDownload(true).withSourceDir(Path.of("raw")));
    assertEquals("give a source directory or --download, not both (got raw and --download)", e.getMessage());
  }
}
