package dev.parley.dtls;

import dev.parley.srtp.Profile;
import java.util.Optional;

/**
 * The SRTP protection profiles offered in use_srtp (RFC 5764 §4.1.2, RFC 7714 §14.2), most
 * preferred first, each with its {@link Profile}.
 */
public enum SrtpProfile {
  AEAD_AES_128_GCM(0x0007, Profile.AEAD_AES_128_GCM),
  AES128_CM_HMAC_SHA1_80(0x0001, Profile.AES_CM_128_HMAC_SHA1_80);

  /** The profile's number in use_srtp. */
  public final int id;

  /**
   * What protects the packets once the handshake chose this profile, and the key and salt lengths
   * its keying material splits into.
   */
  public final Profile srtp;

  SrtpProfile(int id, Profile srtp) {
    this.id = id;
    this.srtp = srtp;
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
