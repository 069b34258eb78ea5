/**
 * Loads DJL's PyTorch engine once, so that DJL unpacks libtorch into DJL_CACHE_DIR: containers/build.sh
 * runs it with DJL_CACHE_DIR pointing into the train and evaluate images' natives layer, so that no
 * stage container unpacks 425 MB before it starts. Run as a single source file:
 * java -cp 'pipelines/target/lib/*' containers/UnpackTorch.java
 */
public final class UnpackTorch {
  public static void main(String[] args) {
    System.out.println("PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " unpacked into "
        + System.getenv("DJL_CACHE_DIR"));
  }
}
