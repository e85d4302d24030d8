package dev.parley.admin;

import dev.parley.testing.AcrossNodes;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AdminApiTest} on a three-node cluster sharing a real Redis: each client on another node,
 * every admin call on the first, so listing, kicking and closing must reach the whole cluster.
 */
@ExtendWith(AcrossNodes.class)
class AdminApiAcrossNodesTest extends AdminApiTest {}
