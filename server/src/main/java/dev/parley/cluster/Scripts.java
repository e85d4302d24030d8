package dev.parley.cluster;

/**
 * The Lua scripts that change a room in Redis. Each runs atomically, so the room-size check and the
 * add, or a takeover and its announcement, cannot interleave with another node's.
 *
 * <p>Keys: {@code KEYS[1]} the room's hash of peer id to {@code "node|name"}, {@code KEYS[2]} its
 * event counter, {@code KEYS[3]} its hash of peer id to the serial of the peer's newest resume
 * token (a token resumes once: an older serial is refused), {@code KEYS[4]} its hash of peer id to
 * {@code "connected|identity"} (what the admin API shows, apart from the members hash so that its
 * {@code node|name} values stay what the previous release reads), {@code KEYS[5]} the index of
 * every room with peers, a sorted set in name order (joins and resumes add the room, the last leave
 * or a sweep that empties it removes it). A peer's liveness is a key of its own, {@code ARGV[1] ..
 * peerId}, holding its node and expiring unless that node refreshes it: a dead node's peers lose
 * theirs, and the next script to look sweeps them out with {@code peer-left timeout}. Every change
 * increments the counter and publishes an event on the room's channel ({@code ARGV[2]}) carrying
 * the new value. Scripts end by returning the peers they swept (so that exactly one node knows it
 * swept them) and the room as it is then. {@link ClusterWire} decodes both; its test and {@code
 * ScriptsTest} share one table of golden lines, so the two languages cannot drift.
 */
final class Scripts {
  private Scripts() {}

  private static final String COMMON =
      """
      local members, seqKey, serials, prefix, channel = KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2]
      local info, index = KEYS[4], KEYS[5]
      local room = string.match(prefix, '^[^{]*{(.*)}:peer:$')
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
            redis.call('HDEL', info, all[i])
            event('l|#|' .. all[i] .. '|' .. string.match(all[i + 1], '^[^|]*') .. '|TIMEOUT')
            swept[#swept + 1] = all[i]
            swept[#swept + 1] = all[i + 1]
          end
        end
        if #swept > 0 and redis.call('HLEN', members) == 0 then
          emptied = 1
          redis.call('ZREM', index, room)
        end
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
        redis.call('PEXPIRE', info, ttl * 4)
        if redis.call('HLEN', members) > 0 then redis.call('ZADD', index, 0, room) end
      end
      """;

  /** ARGV: prefix, channel, peer, node, name, maxPeers, ttlMs, serial, identity. */
  static final String JOIN =
      COMMON
          + """
      local peer, node, name, ttl = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[7])
      sweep()
      if redis.call('HLEN', members) >= tonumber(ARGV[6]) then return refused() end
      redis.call('HSET', members, peer, node .. '|' .. name)
      redis.call('HSET', serials, peer, ARGV[8])
      redis.call('HSET', info, peer, '1|' .. ARGV[9])
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
      local shown = redis.call('HGET', info, peer)
      if shown then redis.call('HSET', info, peer, '1' .. string.sub(shown, 2)) end
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
      redis.call('HDEL', info, peer)
      redis.call('DEL', prefix .. peer)
      event('l|#|' .. peer .. '|' .. node .. '|' .. ARGV[5])
      local left = redis.call('HLEN', members)
      if left == 0 then redis.call('ZREM', index, room) end
      return left
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

  /**
   * KEYS: the room's members and info hashes. ARGV: peer, "1" (connected) or "0" (away, waiting to
   * resume), node. Only what the admin API shows changes, and only while that node holds the peer:
   * a late word from a node the peer has left behind changes nothing.
   */
  static final String PRESENCE =
      """
      local current = redis.call('HGET', KEYS[1], ARGV[1])
      local shown = redis.call('HGET', KEYS[2], ARGV[1])
      if current and shown and string.match(current, '^[^|]*') == ARGV[3] then
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. string.sub(shown, 2))
      end
      return 0
      """;

  /**
   * An administrator's kick, checked and announced in one step. KEYS: the room's members hash.
   * ARGV: prefix, channel, peer or "" for every peer (closing the room). Counts the peers that are
   * there (in the room and alive) and, if any, publishes {@code k|peer} or {@code c} on the room's
   * channel, which every node holding peers of the room watches; each kicks those it holds.
   */
  static final String KICK =
      """
      local members, prefix, channel, peer = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
      local count = 0
      if peer == '' then
        local all = redis.call('HKEYS', members)
        for i = 1, #all do
          if redis.call('EXISTS', prefix .. all[i]) == 1 then count = count + 1 end
        end
        if count > 0 then redis.call('PUBLISH', channel, 'c') end
      elseif redis.call('HEXISTS', members, peer) == 1
          and redis.call('EXISTS', prefix .. peer) == 1 then
        count = 1
        redis.call('PUBLISH', channel, 'k|' .. peer)
      end
      return count
      """;

  /**
   * What the admin API lists, read-only. KEYS: the rooms index. ARGV: the key prefix, how many
   * rooms at most, the name the listing starts after ("" for the first), and a room name to list
   * that one alone, or none for rooms in name order. A peer whose liveness key is gone (its node
   * died; the next script sweeps it) is not shown, nor a room of such peers only. Reply: {truncated
   * (1 or 0), room, n, then n times peer, "node|name", "connected|identity" (empty when Redis lost
   * it), ...}.
   */
  static final String LIST =
      """
      local index, prefix, limit, only = KEYS[1], ARGV[1], tonumber(ARGV[2]), ARGV[4]
      local result, listed, after = {0}, 0, '-'
      if ARGV[3] ~= '' then after = '(' .. ARGV[3] end
      local function add(room)
        local base = prefix .. '{' .. room .. '}:'
        local all = redis.call('HGETALL', base .. 'members')
        local peers = {}
        for i = 1, #all, 2 do
          if redis.call('EXISTS', base .. 'peer:' .. all[i]) == 1 then
            peers[#peers + 1] = all[i]
            peers[#peers + 1] = all[i + 1]
            peers[#peers + 1] = redis.call('HGET', base .. 'info', all[i]) or ''
          end
        end
        if #peers == 0 then return true end
        if listed == limit then
          result[1] = 1
          return false
        end
        listed = listed + 1
        result[#result + 1] = room
        result[#result + 1] = #peers / 3
        for i = 1, #peers do result[#result + 1] = peers[i] end
        return true
      end
      if only then
        add(only)
        return result
      end
      while true do
        local batch = redis.call('ZRANGEBYLEX', index, after, '+', 'LIMIT', 0, limit + 1)
        for i = 1, #batch do
          if not add(batch[i]) then return result end
        end
        if #batch < limit + 1 then return result end
        after = '(' .. batch[#batch]
      end
      """;
}
