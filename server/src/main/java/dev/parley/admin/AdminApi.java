package dev.parley.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.signal.RoomList;
import dev.parley.signal.Signaling;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The admin API under {@code /api/admin}, for an operator or the application's backend: list rooms
 * and peers, kick a peer, close a room. Every request needs {@code Authorization: Bearer
 * <admin-key>}; without a configured key every request is refused. Answers are JSON. Thread-safe.
 * In a cluster, every node's admin API lists and acts on the whole cluster ({@link Signaling}).
 *
 * <pre>
 * GET    /api/admin/rooms[?after={room}]         every room with its peers, a page at a time
 * GET    /api/admin/rooms/{room}                 one room
 * DELETE /api/admin/rooms/{room}                 close the room: every peer is kicked
 * DELETE /api/admin/rooms/{room}/peers/{peerId}  kick one peer
 * </pre>
 */
public final class AdminApi {
  public static final String PREFIX = "/api/admin";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An HTTP answer: status, and a JSON body. */
  public record Reply(HttpResponseStatus status, byte[] json) {}

  private final Signaling signaling;

  /** {@code null}: the API is off. */
  private final byte[] key;

  /**
   * @param adminKey the bearer key, or {@code null} to refuse every request
   */
  public AdminApi(Signaling signaling, String adminKey) {
    this.signaling = signaling;
    this.key = adminKey == null ? null : adminKey.getBytes(StandardCharsets.UTF_8);
  }

  public static boolean handles(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /**
   * Answers one request; reads nothing from it after returning, so the caller may release it.
   *
   * @param authorization the {@code Authorization} header, or {@code null}
   */
  public CompletableFuture<Reply> handle(HttpMethod method, String uri, String authorization) {
    if (key == null) {
      return done(
          error(HttpResponseStatus.UNAUTHORIZED, "the admin API is off: set admin-key to use it"));
    }
    if (!authorized(authorization)) {
      return done(
          error(
              HttpResponseStatus.UNAUTHORIZED,
              "missing or wrong admin key: send Authorization: Bearer <admin-key>"));
    }
    QueryStringDecoder query = new QueryStringDecoder(uri);
    List<String> parts = segments(query.path());
    if (parts.isEmpty()
        || !parts.getFirst().equals("rooms")
        || parts.size() == 3
        || parts.size() > 4
        || (parts.size() == 4 && !parts.get(2).equals("peers"))) {
      return done(
          error(HttpResponseStatus.NOT_FOUND, "no such admin resource; see docs/security.md"));
    }
    String room = parts.size() > 1 ? parts.get(1) : null;
    CompletableFuture<Reply> reply =
        switch (parts.size()) {
          case 1 ->
              method.equals(HttpMethod.GET)
                  ? signaling.rooms(after(query)).thenApply(AdminApi::rooms)
                  : notAllowed("GET");
          case 2 ->
              method.equals(HttpMethod.GET)
                  ? showRoom(room)
                  : method.equals(HttpMethod.DELETE) ? closeRoom(room) : notAllowed("GET, DELETE");
          default ->
              method.equals(HttpMethod.DELETE) ? kick(room, parts.get(3)) : notAllowed("DELETE");
        };
    return reply.exceptionallyCompose(AdminApi::unavailable);
  }

  /** Redis did not answer (a cluster only): 503, and the operator may try again. */
  private static CompletableFuture<Reply> unavailable(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof Signaling.ClusterUnavailable
        ? done(
            error(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                "Redis does not answer: the cluster's rooms cannot be read or changed now, try again"))
        : CompletableFuture.failedFuture(failure);
  }

  private CompletableFuture<Reply> showRoom(String room) {
    return signaling
        .room(room)
        .thenApply(
            snapshot ->
                snapshot.map(found -> ok(JSON.valueToTree(found))).orElseGet(() -> noRoom(room)));
  }

  private CompletableFuture<Reply> closeRoom(String room) {
    return signaling
        .kick(room, null)
        .thenApply(
            count ->
                count == 0
                    ? noRoom(room)
                    : ok(JSON.createObjectNode().put("closed", room).put("kicked", count)));
  }

  private CompletableFuture<Reply> kick(String room, String peerId) {
    return signaling
        .kick(room, peerId)
        .thenApply(
            count ->
                count == 0
                    ? error(
                        HttpResponseStatus.NOT_FOUND,
                        "no peer '" + peerId + "' in room '" + room + "'")
                    : ok(JSON.createObjectNode().put("kicked", peerId)));
  }

  private boolean authorized(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    // Constant time, so the key cannot be guessed byte by byte from response times.
    return MessageDigest.isEqual(given, key);
  }

  /** The {@code after} parameter: the listing's next page starts after that room. */
  private static String after(QueryStringDecoder query) {
    List<String> after = query.parameters().get("after");
    return after == null || after.isEmpty() ? null : after.getFirst();
  }

  /** The decoded path segments after {@code /api/admin}. */
  private static List<String> segments(String path) {
    String rest = path.substring(PREFIX.length());
    return Arrays.stream(rest.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> QueryStringDecoder.decodeComponent(segment, StandardCharsets.UTF_8))
        .toList();
  }

  private static Reply rooms(RoomList list) {
    ObjectNode body = JSON.createObjectNode();
    body.set("rooms", JSON.valueToTree(list.rooms()));
    return ok(body.put("truncated", list.truncated()));
  }

  private static Reply noRoom(String room) {
    return error(HttpResponseStatus.NOT_FOUND, "no room '" + room + "' with peers in it");
  }

  private static CompletableFuture<Reply> notAllowed(String allowed) {
    return done(error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + allowed));
  }

  private static Reply ok(JsonNode body) {
    return reply(HttpResponseStatus.OK, body);
  }

  private static Reply error(HttpResponseStatus status, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    return reply(status, body);
  }

  private static Reply reply(HttpResponseStatus status, JsonNode body) {
    try {
      return new Reply(status, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static CompletableFuture<Reply> done(Reply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
