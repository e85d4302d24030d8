package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.ClientMessage.Legacy;
import dev.parley.protocol.ClientMessage.Signal;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class ClientCodecFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Any frame decodes or is refused with a protocol error, nothing else; what decodes keeps its
   * promises: relayed {@code data} is a well-formed JSON object, and a legacy frame is the whole
   * input.
   */
  @FuzzTest
  void decodesOrRefuses(byte[] frame) throws Exception {
    ClientMessage message;
    try {
      message = ClientCodec.decode(frame);
    } catch (ProtocolException refused) {
      assertThat(refused.code()).isNotNull();
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    switch (message) {
      case Signal signal -> assertThat(JSON.readTree(signal.data().bytes()).isObject()).isTrue();
      case Legacy legacy -> assertThat(legacy.frame().bytes()).isEqualTo(frame);
      default -> {}
    }
  }
}
