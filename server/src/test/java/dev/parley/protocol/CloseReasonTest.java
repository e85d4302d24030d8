package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's close reasons are exactly those the shared fixtures (and so the SDK) know. */
class CloseReasonTest {

  @Test
  void everyCloseReasonIsAFixtureWithItsCodeAndWords() {
    List<JsonNode> fixtures =
        Fixtures.load("close-codes.json").stream().filter(f -> !f.get("server").isNull()).toList();
    assertThat(fixtures)
        .extracting(f -> CloseReason.valueOf(f.get("server").asText()))
        .containsExactlyInAnyOrder(CloseReason.values());
    for (JsonNode fixture : fixtures) {
      CloseReason reason = CloseReason.valueOf(fixture.get("server").asText());
      assertThat(reason.code()).as("%s", reason).isEqualTo(fixture.get("code").asInt());
      assertThat(reason.reason()).as("%s", reason).isEqualTo(fixture.get("reason").asText());
    }
  }

  @Test
  void eachCodeMeansOneThing() {
    assertThat(List.of(CloseReason.values())).extracting(CloseReason::code).doesNotHaveDuplicates();
  }
}
