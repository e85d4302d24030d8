package dev.parley.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void equalByContentWhereverTheBytesLive() {
    ByteBuffer direct =
        ByteBuffer.allocateDirect(5).put(Hex.bytes("ff010203ff")).position(1).limit(4);
    Bytes view = Bytes.viewOf(direct);

    assertThat(view)
        .isEqualTo(Bytes.copyOf(Hex.bytes("010203")))
        .hasSameHashCodeAs(Bytes.copyOf(Hex.bytes("010203")));
    assertThat(view).isNotEqualTo(Bytes.copyOf(Hex.bytes("0102")));
    assertThat(view.length()).isEqualTo(3);
    assertThat(direct.position()).isEqualTo(1);
  }

  @Test
  void copyOfOwnsItsBytesAndViewOfReadsThemInPlace() {
    byte[] array = Hex.bytes("0102");
    Bytes copy = Bytes.copyOf(array);
    Bytes view = Bytes.viewOf(ByteBuffer.wrap(array));

    array[0] = 9;

    assertThat(copy.toByteArray()).containsExactly(1, 2);
    assertThat(view.toByteArray()).containsExactly(9, 2);
  }

  @Test
  void theBufferItHandsOutIsReadOnlyAndItsOwn() {
    Bytes bytes = Bytes.copyOf(Hex.bytes("0102"));
    ByteBuffer buffer = bytes.asByteBuffer();

    assertThatThrownBy(() -> buffer.put(0, (byte) 7)).isInstanceOf(ReadOnlyBufferException.class);
    buffer.get();
    assertThat(bytes.asByteBuffer().position()).isZero();
    assertThat(bytes.toByteArray()).containsExactly(1, 2);
  }

  @Test
  void showsShortValuesInHexAndPayloadsByLength() {
    assertThat(Bytes.copyOf(Hex.bytes("00ff"))).hasToString("00ff");
    assertThat(Bytes.copyOf(new byte[1000])).hasToString("1000 bytes");
  }
}
