package dev.parley.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Fuzz target: see docs/fuzzing.md. The certificate files are the operator's, but a renewal can
 * leave them in any state, and the watcher must survive whatever it reads.
 */
class PemFilesFuzzTest {
  private static final Path NAME = Path.of("fuzzed.pem");

  /**
   * Any bytes are a certificate chain, a private key, or refused with TlsException; nothing else
   * escapes.
   */
  @FuzzTest
  void parsesAnyBytes(byte[] bytes) {
    try {
      PemFiles.readChain(NAME, bytes);
    } catch (TlsException refused) {
      // expected for most inputs
    }
    try {
      PemFiles.readKey(NAME, bytes);
    } catch (TlsException refused) {
      // expected for most inputs
    }
  }
}
