package dev.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The protocol's golden examples in {@code protocol/fixtures}, shared with the SDK's tests. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  static List<JsonNode> load(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalStateException("fixture file missing from the test class path: " + file);
      }
      List<JsonNode> cases = new ArrayList<>();
      JSON.readTree(in).forEach(cases::add);
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
