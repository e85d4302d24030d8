package dev.parley.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON text kept byte for byte as the client sent it (already checked to be well-formed), so that
 * relaying it neither re-formats numbers nor costs a tree.
 */
public record RawJson(byte[] bytes) {

  public static RawJson of(String json) {
    return new RawJson(json.getBytes(StandardCharsets.UTF_8));
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawJson raw && Arrays.equals(bytes, raw.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
