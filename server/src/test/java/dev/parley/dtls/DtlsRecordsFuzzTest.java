package dev.parley.dtls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.ice.PacketClass;
import java.nio.ByteBuffer;

/**
 * Fuzz target: see docs/fuzzing.md. One {@code @FuzzTest} per class, as Jazzer fuzzes one per JVM.
 */
class DtlsRecordsFuzzTest {
  /**
   * Any datagram is classified by its first byte and, as DTLS, counted or rejected with
   * DtlsParseException; what is accepted holds at least one record and its position never moves.
   */
  @FuzzTest
  void anyDatagramIsClassifiedAndFramedOrRejected(byte[] datagram) {
    if (datagram.length == 0 || PacketClass.of(datagram[0]) != PacketClass.DTLS) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(datagram);
    try {
      int records = DtlsRecords.count(buffer);
      assertTrue(
          records >= 1 && records * DtlsRecords.HEADER_LENGTH <= datagram.length,
          "records " + records);
    } catch (DtlsParseException garbage) {
      // dropped and counted
    }
    assertTrue(buffer.position() == 0);
  }
}
