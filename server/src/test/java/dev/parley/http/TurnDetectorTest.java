package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.http.TurnDetector.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The web port's first handler, alone on an {@link EmbeddedChannel}: what it decides and what it
 * passes on.
 */
final class TurnDetectorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final MockTicker clock = Ticker.newMockTicker();

  /** A Binding request of RFC 5769 §2.1's shape with no attributes: the header alone. */
  private static final byte[] BINDING =
      HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae");

  private static final byte[] GET =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("nothing yet", "", Verdict.UNDECIDED),
        Arguments.of("a first byte STUN may have", "00", Verdict.UNDECIDED),
        Arguments.of(
            "a STUN header up to the cookie's last byte", "000100002112a4", Verdict.UNDECIDED),
        Arguments.of("a STUN header", "000100002112a442", Verdict.TURN),
        Arguments.of("an Allocate request's header", "000300242112a442", Verdict.TURN),
        Arguments.of("GET: its G is also a ChannelData first byte", "474554", Verdict.OTHER),
        Arguments.of("ChannelData cannot start a connection", "40000004", Verdict.OTHER),
        Arguments.of("a length that is not a multiple of 4", "00010001", Verdict.OTHER),
        Arguments.of("the first byte of no STUN message", "80", Verdict.OTHER),
        Arguments.of("a wrong cookie", "000100002112a443", Verdict.OTHER),
        Arguments.of("RFC 3489's STUN, without the cookie", "00010000b7e7a701", Verdict.OTHER),
        Arguments.of("a TLS ClientHello", "160301020001fc03", Verdict.OTHER),
        Arguments.of(
            "a TLS ClientHello whose length's low byte is the cookie's first",
            "1603010221010002",
            Verdict.OTHER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void verdicts(String what, String hex, Verdict expected) {
    ByteBuf bytes = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    assertThat(TurnDetector.verdict(bytes)).isEqualTo(expected);
    assertThat(bytes.readerIndex()).as("nothing consumed").isZero();
  }

  @Test
  void stunGoesToTurnWithEveryByteEvenWhenItArrivesByteByByte() {
    Recorder turn = new Recorder();
    Recorder other = new Recorder();
    EmbeddedChannel channel = channel(new TurnDetector(WAIT, turn, other));

    for (byte b : BINDING) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    assertThat(turn.received()).isEqualTo(BINDING);
    assertThat(other.added).isFalse();
    assertThat(channel.pipeline().get(TurnDetector.class)).isNull();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void httpGoesToTheOtherHandlersAtItsFirstByte() {
    Recorder turn = new Recorder();
    Recorder other = new Recorder();
    EmbeddedChannel channel = channel(new TurnDetector(WAIT, turn, other));

    channel.writeInbound(Unpooled.wrappedBuffer(GET, 0, 1));
    assertThat(other.added).isTrue();
    channel.writeInbound(Unpooled.wrappedBuffer(GET, 1, GET.length - 1));

    assertThat(other.received()).isEqualTo(GET);
    assertThat(turn.added).isFalse();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void theOtherProtocolGetsWhatIsLeftOfTheDeadline() {
    Recorder other = new Recorder();
    EmbeddedChannel channel = channel(new TurnDetector(WAIT, new Recorder(), other));

    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00}));
    clock.advance(3, TimeUnit.SECONDS);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00, 0x01, 0x00, 0x02}));

    assertThat(other.remaining).isEqualTo(Duration.ofSeconds(7));
    assertThat(other.received()).containsExactly(0x00, 0x00, 0x01, 0x00, 0x02);
    channel.finishAndReleaseAll();
  }

  @Test
  void aConnectionThatStallsBeforeAVerdictIsClosedAtTheDeadline() {
    Recorder turn = new Recorder();
    Recorder other = new Recorder();
    EmbeddedChannel channel = channel(new TurnDetector(WAIT, turn, other));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x00}));

    clock.advance(WAIT.toMillis() - 1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    clock.advance(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(channel.isOpen()).isFalse();
    assertThat(turn.added).isFalse();
    assertThat(other.added).isFalse();
  }

  @Test
  void aVerdictDisarmsTheDeadline() {
    EmbeddedChannel channel = channel(new TurnDetector(WAIT, new Recorder(), new Recorder()));
    channel.writeInbound(Unpooled.wrappedBuffer(BINDING));

    clock.advance(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(channel.isOpen()).isTrue();
    channel.finishAndReleaseAll();
  }

  /** A channel on {@link #clock}'s time, so that deadlines are exact. */
  private EmbeddedChannel channel(TurnDetector detector) {
    return EmbeddedChannel.builder().ticker(clock).handlers(detector).build();
  }

  /** Stands for the handlers of a protocol: adds one that keeps the bytes it is given. */
  static final class Recorder implements TurnDetector.Next {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean added;
    Duration remaining;

    @Override
    public void addTo(ChannelPipeline pipeline, Duration remaining) {
      this.added = true;
      this.remaining = remaining;
      pipeline.addLast(
          new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ByteBuf buf = (ByteBuf) msg;
              byte[] copy = new byte[buf.readableBytes()];
              buf.readBytes(copy);
              buf.release();
              bytes.writeBytes(copy);
            }
          });
    }

    byte[] received() {
      return bytes.toByteArray();
    }
  }
}
