package dev.parley.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** What every scenario's results can do: say themselves to people, and as one JSON line. */
interface Report {
  ObjectMapper JSON = new ObjectMapper();

  String summary();

  String json();

  /** A record as one JSON line, its components as fields. */
  static String json(Record results) {
    try {
      return JSON.writeValueAsString(results);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
