package dev.parley.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The web root: the app built into the jar (under {@code /web} on the class path), or a directory
 * when one is configured. Files from the jar never change, so each is read, hashed and gzipped once
 * and then served from memory. Thread-safe.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("webmanifest", "application/manifest+json"));

  /** Below this, gzip's header costs more than it saves. */
  private static final int MIN_GZIP_BYTES = 512;

  /** A file ready to serve; {@code gzipped} is {@code null} when compression would not help. */
  record File(String contentType, byte[] bytes, byte[] gzipped, String etag, boolean immutable) {}

  private final Path directory;
  private final Map<String, File> cache = new ConcurrentHashMap<>();

  /**
   * @param directory a directory to serve, or {@code null} for the app inside the jar
   */
  StaticFiles(Path directory) {
    this.directory = directory;
  }

  /**
   * The file for a request path, falling back to {@code index.html} for paths without a file
   * extension (the app's own routes, such as {@code /r/room}); {@code null} when none.
   */
  File find(String path) {
    String relative = relative(path);
    if (relative == null) {
      return null;
    }
    File file =
        load(relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative);
    if (file == null && extension(relative).isEmpty()) {
      file = load("index.html");
    }
    return file;
  }

  /** The path below the web root, or {@code null} if it tries to leave it. */
  static String relative(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    for (String segment : trimmed.split("/", -1)) {
      if (segment.equals("..")
          || segment.equals(".")
          || segment.contains("\\")
          || segment.indexOf('\0') >= 0) {
        return null;
      }
    }
    return trimmed;
  }

  private File load(String relative) {
    if (directory != null) {
      return read(relative);
    }
    File cached = cache.get(relative);
    if (cached == null) {
      cached = read(relative);
      if (cached != null) {
        cache.putIfAbsent(relative, cached);
      }
    }
    return cached;
  }

  private File read(String relative) {
    byte[] bytes;
    try {
      if (directory != null) {
        Path file = directory.resolve(relative).normalize();
        if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
          return null;
        }
        bytes = Files.readAllBytes(file);
      } else {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + relative)) {
          if (in == null) {
            return null;
          }
          bytes = in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String type = TYPES.getOrDefault(extension(relative), "application/octet-stream");
    boolean compressible =
        type.startsWith("text/")
            || type.contains("json")
            || type.contains("svg")
            || type.contains("wasm");
    byte[] gzipped = compressible && bytes.length >= MIN_GZIP_BYTES ? gzip(bytes) : null;
    // Vite names built assets after their content hash, so they never change under a name.
    boolean immutable = relative.startsWith("assets/");
    return new File(type, bytes, gzipped, etag(bytes), immutable);
  }

  private static String extension(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] compressed = out.toByteArray();
    return compressed.length < bytes.length ? compressed : null;
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
