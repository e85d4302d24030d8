package dev.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.cluster.GoldenLines.Event;
import dev.parley.cluster.GoldenLines.Signal;
import dev.parley.protocol.RawJson;
import dev.parley.protocol.Sequence;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterWireTest {

  @Test
  void everyGoldenEventLineDecodesToItsEvent() {
    for (Event golden : GoldenLines.EVENTS) {
      assertThat(ClusterWire.event(utf8(golden.line())))
          .as(golden.line())
          .isEqualTo(golden.event());
    }
  }

  @Test
  void everyGoldenCommandLineDecodesToItsCommandAndIsNoEvent() {
    for (GoldenLines.Command golden : GoldenLines.COMMANDS) {
      assertThat(ClusterWire.isCommand(utf8(golden.line()))).as(golden.line()).isTrue();
      assertThat(ClusterWire.command(utf8(golden.line())))
          .as(golden.line())
          .isEqualTo(golden.command());
    }
    for (Event golden : GoldenLines.EVENTS) {
      assertThat(ClusterWire.isCommand(utf8(golden.line()))).as(golden.line()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"k", "k|", "c|", "c|bob"})
  void anOrderNoScriptWritesIsRefusedWithWhatIsWrong(String line) {
    assertThat(ClusterWire.isCommand(utf8(line))).isTrue();
    assertThatThrownBy(() -> ClusterWire.command(utf8(line)))
        .isInstanceOf(ClusterWire.Malformed.class)
        .hasMessageContaining(line);
  }

  @Test
  void everySignalEncodesToItsGoldenEntryAndBack() {
    for (Signal golden : GoldenLines.SIGNALS) {
      assertThat(new String(encode(List.of(golden.signal())), StandardCharsets.UTF_8))
          .isEqualTo(golden.entry());
      assertThat(decode(utf8(golden.entry()))).containsExactly(golden.signal());
    }
  }

  @Test
  void aBatchOfEntriesDecodesInOrder() {
    List<NodeSignal> signals = GoldenLines.SIGNALS.stream().map(Signal::signal).toList();
    byte[] batch = utf8(GoldenLines.SIGNALS.stream().map(Signal::entry).reduce("", String::concat));

    assertThat(encode(signals)).isEqualTo(batch);
    assertThat(decode(batch)).containsExactlyElementsOf(signals);
  }

  /**
   * Nodes of the previous release held a signal as a Java string and wrote {@code length():text}.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"x\":\"é\"}",
        "{\"x\":\"😀😀\"}",
        "{\"x\":\"a|b:c\\n\"}",
        "{\"x\":\"中文 ✓\"}"
      })
  void entriesAreWhatThePreviousReleaseWroteAndReads(String data) {
    String text = "room|from|to|" + data;
    NodeSignal signal = new NodeSignal("room", "from", "to", RawJson.of(data), Sequence.NONE);
    byte[] previous = (text.length() + ":" + text).getBytes(StandardCharsets.UTF_8);

    assertThat(encode(List.of(signal))).isEqualTo(previous);
    assertThat(decode(previous)).containsExactly(signal);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "j|1|ada|node-a",
        "x|1|ada|node-a|Ada",
        "jj|1|ada|node-a|Ada",
        "j|one|ada|node-a|Ada",
        "j|0|ada|node-a|Ada",
        "j|-3|ada|node-a|Ada",
        "j|1||node-a|Ada",
        "m|1|ada|node-a|",
        "l|1|ada|node-a|GONE",
        "l|1|ada|node-a|left"
      })
  void aLineNoScriptWritesIsRefusedWithWhatIsWrong(String line) {
    assertThatThrownBy(() -> ClusterWire.event(utf8(line)))
        .isInstanceOf(ClusterWire.Malformed.class)
        .hasMessageContaining(line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x",
        "12",
        ":a|b|c|{}",
        "07:a|b|c|{}",
        "99999999999:a|b|c|{}",
        "9:a|b|c|{}",
        "7:a|b|c|{}",
        "5:a|b|c",
        "7:a|b;c|{",
        "8:a|b|c|{}x",
        "17:a|b|c|{},\"seq\":01",
        "15:a|b|c|{},\"seq\":",
        "24:a|b|c|{},\"ack\":1,\"seq\":2",
        "32:a|b|c|{},\"seq\":90071992547409920"
      })
  void aBatchNoNodeWritesIsRefused(String batch) {
    assertThatThrownBy(() -> decode(utf8(batch)))
        .isInstanceOf(ClusterWire.Malformed.class)
        .hasMessageContaining("signal entry");
  }

  @Test
  void anEntryCutInsideACharacterIsRefused() {
    byte[] emoji = utf8("7:a|b|c|😀"); // 😀 is two units: the length ends in its middle
    byte[] overlong = {'8', ':', 'a', '|', 'b', '|', 'c', '|', (byte) 0xC0, (byte) 0xAF};

    assertThatThrownBy(() -> decode(emoji)).isInstanceOf(ClusterWire.Malformed.class);
    assertThatThrownBy(() -> decode(overlong)).isInstanceOf(ClusterWire.Malformed.class);
  }

  private static byte[] encode(List<NodeSignal> signals) {
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    signals.forEach(signal -> ClusterWire.appendSignal(batch, signal));
    return batch.toByteArray();
  }

  private static List<NodeSignal> decode(byte[] batch) {
    List<NodeSignal> signals = new ArrayList<>();
    ClusterWire.signals(batch, signals::add);
    return signals;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
