package dev.parley.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a WebSocket to Parley. Browsers always send {@code Origin}, so a page on
 * another site cannot ride a user's browser into a room (cross-site WebSocket hijacking); clients
 * that are not browsers send none and are let in.
 */
public final class OriginPolicy {
  private final boolean anyOrigin;
  private final Set<String> allowed;

  public OriginPolicy(List<String> allowedOrigins) {
    this.anyOrigin = allowedOrigins.contains("*");
    this.allowed =
        allowedOrigins.stream()
            .map(OriginPolicy::normalize)
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @param origin the request's {@code Origin} header, or {@code null}
   * @param host the request's {@code Host} header, or {@code null}
   * @param secure whether the request came over TLS
   */
  public boolean allows(String origin, String host, boolean secure) {
    if (origin == null || anyOrigin) {
      return true;
    }
    String normalized = normalize(origin);
    if (host != null && normalized.equals(normalize((secure ? "https://" : "http://") + host))) {
      return true;
    }
    return allowed.contains(normalized);
  }

  /** Scheme and host in lower case, default ports dropped, no trailing slash. */
  static String normalize(String origin) {
    try {
      URI uri = new URI(origin.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return origin.trim().toLowerCase(Locale.ROOT);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return scheme
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + (defaultPort ? "" : ":" + port);
    } catch (java.net.URISyntaxException e) {
      return origin.trim().toLowerCase(Locale.ROOT);
    }
  }
}
