package dev.parley.sdp;

/** Reading one parameter of an a=fmtp value ({@code key=value;key=value}, RFC 8866 §6.15). */
final class FormatParameters {
  private FormatParameters() {}

  /** The parameter's value, "" when it is not there. */
  static String get(String parameters, String key) {
    for (String pair : parameters.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && Tokens.strip(pair.substring(0, eq)).equalsIgnoreCase(key)) {
        return Tokens.strip(pair.substring(eq + 1));
      }
    }
    return "";
  }
}
