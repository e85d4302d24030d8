package dev.parley.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against a cluster: one {@code redis-server} for the class, emptied before each
 * test, and every {@link TestServer} the tests start becomes {@link TestServer#NODES} nodes sharing
 * it. A subclass of a single-node test class with this extension runs the same tests with each
 * client on another node.
 */
public final class AcrossNodes implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  /** The Redis of the class running now, to stop and start it in a test. */
  public static RedisServer redis() {
    return TestServer.redis;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestServer.redis = RedisServer.start(0);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    TestServer.redis.flushAll();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    RedisServer redis = TestServer.redis;
    TestServer.redis = null;
    redis.close();
  }
}
