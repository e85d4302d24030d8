package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class ClusterWireFuzzTest {

  /**
   * Any message, read as an administrator's order, as a room event and as a batch of signals,
   * decodes or is refused as malformed, nothing else; a batch that decodes is exactly what encoding
   * its signals gives.
   */
  @FuzzTest
  void decodesOrRefuses(byte[] message) {
    try {
      if (ClusterWire.isCommand(message)) {
        assertThat(ClusterWire.command(message)).isNotNull();
      }
    } catch (ClusterWire.Malformed refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
    try {
      assertThat(ClusterWire.event(message).seq()).isPositive();
    } catch (ClusterWire.Malformed refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
    List<NodeSignal> signals = new ArrayList<>();
    try {
      ClusterWire.signals(message, signals::add);
    } catch (ClusterWire.Malformed refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    signals.forEach(signal -> ClusterWire.appendSignal(again, signal));
    assertThat(again.toByteArray()).isEqualTo(message);
  }
}
