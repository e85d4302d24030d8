package dev.parley.config;

import static dev.parley.config.AuthSettings.*;
import static dev.parley.config.ClusterSettings.*;
import static dev.parley.config.LogSettings.*;
import static dev.parley.config.MediaSettings.*;
import static dev.parley.config.ServerSettings.*;
import static dev.parley.config.SignalSettings.*;
import static dev.parley.config.TlsSettings.*;
import static dev.parley.config.TurnSettings.*;
import static dev.parley.config.WebhookSettings.*;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The values given for settings by the YAML file, {@code PARLEY_*} environment variables and flags.
 */
final class Sources {
  private static final String ENV_PREFIX = "PARLEY_";
  // Last-one-wins duplicate keys would let half of a pasted block silently override the other.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private Sources() {}

  /**
   * Every value given, lowest precedence first: the file named by {@code --config} or {@code
   * PARLEY_CONFIG}, then the environment, then the flags.
   */
  static List<Given> given(Map<String, String> flags, Map<String, String> env) {
    List<Given> fromFlags = fromFlags(flags);
    List<Given> fromEnv = fromEnv(env);
    Optional<Given> configPath = lastOf(CONFIG, fromFlags).or(() -> lastOf(CONFIG, fromEnv));
    List<Given> given = new ArrayList<>(configPath.map(Sources::fromFile).orElse(List.of()));
    given.addAll(fromEnv);
    given.addAll(fromFlags);
    return given;
  }

  private static List<Given> fromFlags(Map<String, String> flags) {
    List<Given> given = new ArrayList<>();
    new TreeMap<>(flags)
        .forEach(
            (key, text) -> {
              Setting<?> setting =
                  Setting.byKey(key)
                      .orElseThrow(() -> new IllegalArgumentException("no setting named " + key));
              given.add(new Given(setting, text, setting.flag()));
            });
    return given;
  }

  private static List<Given> fromEnv(Map<String, String> env) {
    List<Given> given = new ArrayList<>();
    // Sorted, so that of several mistakes the same one is always reported.
    new TreeMap<>(env)
        .forEach(
            (name, text) -> {
              if (!name.startsWith(ENV_PREFIX)) {
                return;
              }
              Setting<?> setting =
                  Setting.byEnvName(name)
                      .orElseThrow(
                          () ->
                              new ConfigException(
                                  "unknown environment variable "
                                      + name
                                      + Suggestions.closest(name.substring(ENV_PREFIX.length()))
                                          .map(s -> " (did you mean " + s.envName() + "?)")
                                          .orElse(
                                              " (every PARLEY_* variable must be a setting; see parley --help)")));
              given.add(new Given(setting, text, name));
            });
    return given;
  }

  private static Optional<Given> lastOf(Setting<?> setting, List<Given> given) {
    return given.stream().filter(g -> g.setting() == setting).reduce((first, second) -> second);
  }

  private static List<Given> fromFile(Given configPath) {
    Path path = Values.parse(CONFIG, configPath);
    String name = configPath.text();
    JsonNode root;
    try (InputStream in = Files.newInputStream(path)) {
      root = YAML.readTree(in);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "config file " + name + " (from " + configPath.source() + ") does not exist");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(
          "cannot parse config file "
              + name
              + ": "
              + e.getOriginalMessage()
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read config file "
              + name
              + " (from "
              + configPath.source()
              + "): "
              + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "config file " + name + " must be a mapping of settings to values, such as port: 8080");
    }
    List<Given> given = new ArrayList<>();
    root.properties()
        .forEach(
            field -> {
              String key = field.getKey();
              if (key.equals(CONFIG.key())) {
                throw new ConfigException(
                    "config cannot be set inside a config file ("
                        + name
                        + "); give it as "
                        + CONFIG.flag()
                        + " or "
                        + CONFIG.envName());
              }
              Setting<?> setting =
                  Setting.byKey(key)
                      .orElseThrow(
                          () ->
                              new ConfigException(
                                  "unknown setting \""
                                      + key
                                      + "\" in "
                                      + name
                                      + Suggestions.closest(key)
                                          .map(s -> " (did you mean " + s.key() + "?)")
                                          .orElse("")));
              given.add(new Given(setting, text(setting, field.getValue()), name));
            });
    return given;
  }

  /** The node as the text a flag would carry, so that one parser serves every source. */
  private static String text(Setting<?> setting, JsonNode node) {
    if (node.isNull()) {
      return "";
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    if (node.isArray() && setting.parser().list()) {
      return StreamSupport.stream(node.spliterator(), false)
          .map(element -> element.isValueNode() ? element.asText() : element.toString())
          .collect(Collectors.joining(","));
    }
    // Rendered as JSON, which no parser accepts, so the error shows what was written.
    return node.toString();
  }
}
