package dev.parley.rtp;

import java.util.concurrent.TimeUnit;

/**
 * One outgoing stream of a subscriber, fed from one incoming source at a time (a simulcast layer,
 * or whichever publisher it currently shows): every packet leaves with the stream's own SSRC, and
 * sequence numbers and timestamps run on across a switch of source as if one sender had sent them
 * all (the SFU's "stable SSRC and sequence numbers per subscriber").
 *
 * <p>The caller forwards only packets of the source it has chosen; a packet from another SSRC than
 * the last one starts a switch, which should be at a key frame. Within a source, reordered packets
 * keep their order and gaps (so the subscriber's NACKs still name the source's packets). A switch
 * continues one sequence number after the highest sent, and the timestamp by the wall-clock time
 * since the last packet in the clock rate (at least one tick), so the receiver's jitter buffer sees
 * no jump. Codec payload fields (VP8 picture ids) are not rewritten here. Used by one thread.
 */
public final class StreamRewriter {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

  private final int ssrc;
  private final int clockRate;

  private boolean started;
  private int sourceSsrc;
  private int sequenceOffset;
  private long timestampOffset;
  private int highestSequence;
  private long highestTimestamp;
  private long highestSentNanos;

  /**
   * @param ssrc the SSRC this stream's packets carry to the subscriber
   * @param clockRate the RTP clock of the codec, in Hz (90000 for video, 48000 for Opus)
   */
  public StreamRewriter(int ssrc, int clockRate) {
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate " + clockRate + " is not positive");
    }
    this.ssrc = ssrc;
    this.clockRate = clockRate;
  }

  /** Rewrites SSRC, sequence number and timestamp of {@code packet}, sent at {@code nowNanos}. */
  public void rewrite(RtpPacket packet, long nowNanos) {
    int sequence = packet.sequenceNumber();
    long timestamp = packet.timestamp();
    if (!started) {
      started = true;
      sourceSsrc = packet.ssrc();
      highestSequence = SequenceNumbers.add(sequence, -1);
      highestTimestamp = timestamp;
      highestSentNanos = nowNanos;
    } else if (packet.ssrc() != sourceSsrc) {
      switchTo(packet.ssrc(), sequence, timestamp, nowNanos);
    }
    int outSequence = SequenceNumbers.add(sequence, sequenceOffset);
    long outTimestamp = (timestamp + timestampOffset) & TIMESTAMP_MASK;
    if (SequenceNumbers.isNewer(outSequence, highestSequence)) {
      highestSequence = outSequence;
      highestTimestamp = outTimestamp;
      highestSentNanos = nowNanos;
    }
    packet.setSsrc(ssrc);
    packet.setSequenceNumber(outSequence);
    packet.setTimestamp(outTimestamp);
  }

  /**
   * The timestamp {@code sourceTimestamp} of source {@code sourceSsrc} has in this stream, for a
   * sender report's RTP time (RFC 3550 section 6.4.1); -1 unless that is the source being
   * forwarded.
   */
  public long outgoingTimestamp(int sourceSsrc, long sourceTimestamp) {
    if (!started || sourceSsrc != this.sourceSsrc) {
      return -1;
    }
    return (sourceTimestamp + timestampOffset) & TIMESTAMP_MASK;
  }

  private void switchTo(int newSource, int sequence, long timestamp, long nowNanos) {
    sourceSsrc = newSource;
    sequenceOffset = SequenceNumbers.delta(SequenceNumbers.add(highestSequence, 1), sequence);
    // In microseconds, so that even days of silence cannot overflow the product.
    long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(Math.max(0, nowNanos - highestSentNanos));
    long elapsedTicks = Math.max(1, elapsedMicros * clockRate / MICROS_PER_SECOND);
    timestampOffset = (highestTimestamp + elapsedTicks - timestamp) & TIMESTAMP_MASK;
  }
}
