package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.parley.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

final class LoggingTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  // Tests may run under a logback-test.xml; these are about what the jar ships.
  @BeforeEach
  void loadShippedLogbackXml() throws JoranException {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Logging.class.getResource("/logback.xml"));
  }

  @AfterEach
  void restoreWhatTheTestsRunWith() throws JoranException {
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void textKeepsThePatternAndSetsParleysLevel() {
    Logging.apply(TestConfig.with("log-format=text", "log-level=debug").log());

    assertThat(context.getLogger("dev.parley").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("io.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(console().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
  }

  @Test
  void jsonSwapsTheEncoder() {
    Logging.apply(TestConfig.with("log-format=json", "log-level=warn").log());

    assertThat(context.getLogger("dev.parley.signal").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(console().getEncoder()).isInstanceOf(JsonEncoder.class);
  }

  private OutputStreamAppender<?> console() {
    return (OutputStreamAppender<?>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
  }
}
