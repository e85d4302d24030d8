package dev.parley.signal;

import dev.parley.testing.AcrossNodes;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RelayOrderTest} with each client on another node of a three-node cluster sharing a real
 * Redis.
 */
@ExtendWith(AcrossNodes.class)
class RelayOrderAcrossNodesTest extends RelayOrderTest {}
