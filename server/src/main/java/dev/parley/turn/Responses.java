package dev.parley.turn;

import dev.parley.stun.ErrorCode;
import dev.parley.stun.MessageClass;
import dev.parley.stun.MessageType;
import dev.parley.stun.Software;
import dev.parley.stun.StunAttribute;
import dev.parley.stun.StunMessage;
import java.util.ArrayList;
import java.util.List;

/** Success and error responses to a request, signed when the request was (RFC 8489 §9.2.4). */
final class Responses {
  static final Software SOFTWARE = new Software("Parley");

  private Responses() {}

  /**
   * @param key the long-term key to add MESSAGE-INTEGRITY with, or {@code null}
   */
  static byte[] success(StunMessage request, byte[] key, StunAttribute... attributes) {
    return finish(request, MessageClass.SUCCESS_RESPONSE, List.of(attributes), key);
  }

  static byte[] error(
      StunMessage request, TurnError error, byte[] key, StunAttribute... attributes) {
    List<StunAttribute> all = new ArrayList<>();
    all.add(new ErrorCode(error.code, error.reason));
    all.addAll(List.of(attributes));
    return finish(request, MessageClass.ERROR_RESPONSE, all, key);
  }

  private static byte[] finish(
      StunMessage request, MessageClass messageClass, List<StunAttribute> attributes, byte[] key) {
    StunMessage response =
        new StunMessage(
            new MessageType(request.type().method(), messageClass),
            request.transactionId(),
            attributes);
    if (key != null) {
      response = response.withMessageIntegrity(key);
    }
    return response.withFingerprint().encode();
  }
}
