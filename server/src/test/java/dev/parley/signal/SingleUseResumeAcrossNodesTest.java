package dev.parley.signal;

import dev.parley.testing.AcrossNodes;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SingleUseResumeTest} with each connection on the next node of a three-node cluster sharing
 * a real Redis: a token spent on one node is spent on all.
 */
@ExtendWith(AcrossNodes.class)
class SingleUseResumeAcrossNodesTest extends SingleUseResumeTest {}
