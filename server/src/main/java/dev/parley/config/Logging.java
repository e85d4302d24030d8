package dev.parley.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LogConfig} over {@code logback.xml}. Called once from {@code main}, before the
 * server starts any thread that logs.
 */
public final class Logging {
  private Logging() {}

  public static void apply(LogConfig config) {
    // Another SLF4J backend on the class path is configured its own way; leave it be.
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger("dev.parley").setLevel(Level.toLevel(config.level()));
    if (config.format() == LogConfig.Format.JSON) {
      Iterator<Appender<ILoggingEvent>> appenders =
          context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
      while (appenders.hasNext()) {
        if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
          appender.getEncoder().stop();
          appender.setEncoder(jsonEncoder(context));
        }
      }
    }
  }

  /** One object per line with the rendered message; what log collectors index. */
  private static JsonEncoder jsonEncoder(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
