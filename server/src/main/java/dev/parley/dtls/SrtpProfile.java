package dev.parley.dtls;

import java.util.Optional;

/**
 * The SRTP protection profiles offered in use_srtp (RFC 5764 §4.1.2, RFC 7714 §14.2), most
 * preferred first, with the key and salt lengths their keying material splits into.
 */
public enum SrtpProfile {
  AEAD_AES_128_GCM(0x0007, 16, 12),
  AES128_CM_HMAC_SHA1_80(0x0001, 16, 14);

  public final int id;
  public final int keyLength;
  public final int saltLength;

  SrtpProfile(int id, int keyLength, int saltLength) {
    this.id = id;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }

  public static Optional<SrtpProfile> byId(int id) {
    for (SrtpProfile profile : values()) {
      if (profile.id == id) {
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }

  /**
   * Ours first: the first profile of ours that the peer offered (RFC 5764 §4.1.1 leaves the choice
   * to the server).
   */
  static Optional<SrtpProfile> choose(int[] offered) {
    for (SrtpProfile profile : values()) {
      for (int id : offered) {
        if (id == profile.id) {
          return Optional.of(profile);
        }
      }
    }
    return Optional.empty();
  }

  static int[] ids() {
    int[] ids = new int[values().length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = values()[i].id;
    }
    return ids;
  }
}
