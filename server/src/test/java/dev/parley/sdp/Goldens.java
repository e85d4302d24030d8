package dev.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden SDP files in src/test/resources/sdp: a test's output must equal its file. Run the tests
 * with {@code -Dsdp.goldens=write} to (re)write them, then review the diff.
 */
final class Goldens {
  private Goldens() {}

  static void assertMatches(String file, String actual) throws IOException {
    Path golden = SdpFixtures.DIRECTORY.resolve(file);
    if ("write".equals(System.getProperty("sdp.goldens"))) {
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden " + file + " (-Dsdp.goldens=write makes it)").exists();
    assertThat(actual).as("against " + golden).isEqualTo(Files.readString(golden));
  }
}
