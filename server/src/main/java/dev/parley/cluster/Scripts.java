package dev.parley.cluster;

/**
 * The Lua scripts that change a room in Redis. Each runs atomically, so the room-size check and the
 * add, or a takeover and its announcement, cannot interleave with another node's.
 *
 * <p>Keys: {@code KEYS[1]} the room's hash of peer id to {@code "node|name"}, {@code KEYS[2]} its
 * event counter, {@code KEYS[3]} its hash of peer id to the serial of the peer's newest resume
 * token (a token resumes once: an older serial is refused). A peer's liveness is a key of its own,
 * {@code ARGV[1] .. peerId}, holding its node and expiring unless that node refreshes it: a dead
 * node's peers lose theirs, and the next script to look sweeps them out with {@code peer-left
 * timeout}. Every change increments the counter and publishes an event on the room's channel
 * ({@code ARGV[2]}) carrying the new value. Scripts end by returning the peers they swept (so that
 * exactly one node knows it swept them) and the room as it is then. {@link ClusterWire} decodes
 * both; its test and {@code ScriptsTest} share one table of golden lines, so the two languages
 * cannot drift.
 */
final class Scripts {
  private Scripts() {}

  private static final String COMMON =
      """
      local members, seqKey, serials, prefix, channel = KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2]
      local swept, emptied = {}, 0
      local function event(text)
        local seq = redis.call('INCR', seqKey)
        local message = string.gsub(text, '#', seq, 1)
        redis.call('PUBLISH', channel, message)
      end
      local function sweep()
        local all = redis.call('HGETALL', members)
        for i = 1, #all, 2 do
          if redis.call('EXISTS', prefix .. all[i]) == 0 then
            redis.call('HDEL', members, all[i])
            redis.call('HDEL', serials, all[i])
            event('l|#|' .. all[i] .. '|' .. string.match(all[i + 1], '^[^|]*') .. '|TIMEOUT')
            swept[#swept + 1] = all[i]
            swept[#swept + 1] = all[i + 1]
          end
        end
        if #swept > 0 and redis.call('HLEN', members) == 0 then emptied = 1 end
      end
      local function reply(seq, all)
        local result = {seq, emptied, #swept / 2}
        for i = 1, #swept do result[#result + 1] = swept[i] end
        for i = 1, #all do result[#result + 1] = all[i] end
        return result
      end
      local function snapshot()
        return reply(tonumber(redis.call('GET', seqKey) or '0'), redis.call('HGETALL', members))
      end
      local function refused()
        return reply(-1, {})
      end
      local function keep(ttl)
        redis.call('PEXPIRE', members, ttl * 4)
        redis.call('PEXPIRE', seqKey, ttl * 4)
        redis.call('PEXPIRE', serials, ttl * 4)
      end
      """;

  /** ARGV: prefix, channel, peer, node, name, maxPeers, ttlMs, serial. */
  static final String JOIN =
      COMMON
          + """
      local peer, node, name, ttl = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[7])
      sweep()
      if redis.call('HLEN', members) >= tonumber(ARGV[6]) then return refused() end
      redis.call('HSET', members, peer, node .. '|' .. name)
      redis.call('HSET', serials, peer, ARGV[8])
      redis.call('SET', prefix .. peer, node, 'PX', ttl)
      keep(ttl)
      event('j|#|' .. peer .. '|' .. node .. '|' .. name)
      return snapshot()
      """;

  /**
   * ARGV: prefix, channel, peer, node, ttlMs, presented serial, next serial. A peer with no serial
   * recorded (added back by a refresh after Redis lost its data) is taken back on the signed token
   * alone.
   */
  static final String RESUME =
      COMMON
          + """
      local peer, node, ttl = ARGV[3], ARGV[4], tonumber(ARGV[5])
      sweep()
      local current = redis.call('HGET', members, peer)
      if not current then return refused() end
      local newest = redis.call('HGET', serials, peer)
      if newest and newest ~= ARGV[6] then return refused() end
      redis.call('HSET', serials, peer, ARGV[7])
      local from, name = string.match(current, '^([^|]*)|(.*)$')
      redis.call('HSET', members, peer, node .. '|' .. name)
      redis.call('SET', prefix .. peer, node, 'PX', ttl)
      keep(ttl)
      event('m|#|' .. peer .. '|' .. from .. '|' .. node)
      return snapshot()
      """;

  /**
   * ARGV: prefix, channel, peer, node, reason. Returns how many peers the room has left once this
   * one is removed, -1 if another node holds it, -2 if it was gone already.
   */
  static final String LEAVE =
      COMMON
          + """
      local peer, node = ARGV[3], ARGV[4]
      local current = redis.call('HGET', members, peer)
      if not current then return -2 end
      if string.match(current, '^[^|]*') ~= node then return -1 end
      redis.call('HDEL', members, peer)
      redis.call('HDEL', serials, peer)
      redis.call('DEL', prefix .. peer)
      event('l|#|' .. peer .. '|' .. node .. '|' .. ARGV[5])
      return redis.call('HLEN', members)
      """;

  /**
   * ARGV: prefix, channel, node, ttlMs, then peer and name pairs for every peer this node holds. A
   * peer Redis lost (it restarted empty, or the node could not refresh in time) is added back and
   * announced; one that moved to another node is left alone.
   */
  static final String REFRESH =
      COMMON
          + """
      local node, ttl = ARGV[3], tonumber(ARGV[4])
      for i = 5, #ARGV, 2 do
        local peer, name = ARGV[i], ARGV[i + 1]
        local current = redis.call('HGET', members, peer)
        if not current then
          redis.call('HSET', members, peer, node .. '|' .. name)
          redis.call('SET', prefix .. peer, node, 'PX', ttl)
          event('r|#|' .. peer .. '|' .. node .. '|' .. name)
        elseif string.match(current, '^[^|]*') == node then
          redis.call('SET', prefix .. peer, node, 'PX', ttl)
        end
      end
      sweep()
      keep(ttl)
      return snapshot()
      """;
}
