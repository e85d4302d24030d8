package dev.parley.config;

/** An inclusive range of ports. */
public record PortRange(int low, int high) {
  public PortRange {
    if (low < 1 || high > 65535 || low > high) {
      throw new IllegalArgumentException("bad port range " + low + "-" + high);
    }
  }

  public int size() {
    return high - low + 1;
  }

  @Override
  public String toString() {
    return low + "-" + high;
  }
}
