// An ICE restart between Chromium and Firefox. UDP is dropped inside the tests' own network
// namespace (iptables, loopback only) until the SDK on the impolite side has restarted ICE, then
// let through again: the call heals on the same peer connections (a restart, not a rebuild)
// and media flows again. Once with Firefox restarting, once with Chromium restarting (the
// impolite side is the one with the larger peer id, so the two rejoin in turn until the roles fit).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expectMediaFromEveryone, join, type InPage } from '../support/app';
import { expect, newUserContext } from '../support/fixtures';
import { joinInFirefox, test } from '../support/firefox';
import { chromiumPerson, type Person } from '../support/person';

// No TURN: with it, the two relays reach each other inside Parley (over TURN/TCP too), and
// dropping UDP would not break the call.
test.use({ parleyArgs: ['--turn', 'false'] });

/** Counts peer connections made and ICE restarts asked for, in the page. */
function countConnections(): void {
  const w = window as unknown as { connections: number; restarts: number };
  w.connections = 0;
  w.restarts = 0;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      w.connections++;
    }

    override restartIce(): void {
      w.restarts++;
      super.restartIce();
    }
  };
}

const counts = (page: InPage) =>
  page.evaluate(() => {
    const w = window as unknown as { connections: number; restarts: number };
    return { connections: w.connections, restarts: w.restarts };
  });

/**
 * Samples the SDK's byte totals for the one remote peer every 250 ms, in the page. Firefox
 * starts a new candidate pair's counters from zero after an ICE restart; the totals must not.
 */
function recordBytes(page: InPage): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { bytes: number[] };
    w.bytes = [];
    const room = window.__parley!.room;
    setInterval(() => {
      const peer = room.remotePeers[0];
      if (peer)
        void room.getStats(peer.id).then((stats) => {
          if (stats) w.bytes.push(stats.bytesReceived);
        });
    }, 250);
  });
}

const bytesSeen = (page: InPage) => page.evaluate(() => (window as unknown as { bytes: number[] }).bytes);

const peerIdOf = (page: InPage) => page.evaluate(() => window.__parley!.room.peerId!);
const peerStates = (page: InPage) => page.evaluate(() => window.__parley!.room.remotePeers.map((p) => p.state));

/** Only in a namespace of the tests' own (run-isolated.sh): never touch the host's firewall. */
function isolated(): boolean {
  // /proc/net/dev lists this process's namespace's interfaces (/sys/class/net may show the host's).
  const interfaces = readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]!.trim())
    .filter((name) => name !== '');
  return interfaces.length === 1 && interfaces[0] === 'lo';
}

function dropUdp(on: boolean): void {
  execFileSync('iptables', [on ? '-I' : '-D', 'INPUT', '-p', 'udp', '-j', 'DROP']);
}

for (const restarter of ['Firefox', 'Chromium'] as const) {
  test(`the network drops UDP mid-call and ${restarter} restarts ICE: the call heals without a rebuild`, async ({
    browser,
    firefox,
    parley,
  }) => {
    test.skip(!isolated(), 'needs the network namespace of run-isolated.sh (drops UDP with iptables)');
    test.setTimeout(150_000);
    const room = `restart-${restarter}-${Date.now().toString(36)}`;
    const log: string[] = [];
    let ada: Person | null = null;
    let dropping = false;
    try {
      const joinAda = async (): Promise<Person> => {
        const context = await newUserContext(browser, parley);
        await context.addInitScript(countConnections);
        return chromiumPerson(await join(context, parley, room, 'Ada', log), 'Ada');
      };
      const joinGrace = () => joinInFirefox(firefox, parley, room, 'Grace', log, countConnections);
      let grace = await joinGrace();
      ada = await joinAda();
      // The larger id is impolite and restarts ICE. Until the roles fit, one of the two (each
      // in turn, so that neither's id keeps the odds low) leaves and comes back with a new id.
      const rolesFit = async () =>
        (await peerIdOf(ada!.page)) > (await peerIdOf(grace.page)) === (restarter === 'Chromium');
      for (let attempt = 1; !(await rolesFit()); attempt++) {
        if (attempt > 16) throw new Error('no peer id ordering with the wanted roles in 16 rejoins');
        if (attempt % 2 === 1) {
          await ada.close();
          await expect.poll(() => peerStates(grace.page)).toEqual([]);
          ada = await joinAda();
        } else {
          await grace.close();
          // Closing a Firefox tab now and then loses the "leave" its page sends on the way out:
          // then Grace's seat is held for the server's resume window (20 s) before she is gone.
          await expect.poll(() => peerStates(ada!.page), { timeout: 30_000 }).toEqual([]);
          grace = await joinGrace();
        }
      }
      const people = [ada, grace];
      for (const person of people) await expectMediaFromEveryone(person.page, 1);
      // Counted from here: either may have connected to someone who left meanwhile.
      const before = await Promise.all(people.map((person) => counts(person.page)));

      for (const person of people) await recordBytes(person.page);
      dropUdp((dropping = true));
      const restarting = restarter === 'Chromium' ? ada : grace;
      const other = restarting === ada ? grace : ada;
      const restartsBefore = (person: Person) => before[people.indexOf(person)]!.restarts;
      await expect
        .poll(async () => (await counts(restarting.page)).restarts, {
          timeout: 40_000,
          message: `${restarter} restarts ICE while UDP is dropped`,
        })
        .toBeGreaterThan(restartsBefore(restarting));
      dropUdp((dropping = false));

      for (const person of people) {
        await expect.poll(() => peerStates(person.page), { timeout: 20_000 }).toEqual(['connected']);
        await expectMediaFromEveryone(person.page, 1);
      }
      // Healed by the restart: no new peer connection on either side.
      expect((await Promise.all(people.map((person) => counts(person.page)))).map((c) => c.connections)).toEqual(
        before.map((c) => c.connections),
      );
      for (const person of people) {
        const bytes = await bytesSeen(person.page);
        const drops = bytes.flatMap((now, i) => (i > 0 && now < bytes[i - 1]! ? [`${bytes[i - 1]} -> ${now}`] : []));
        expect(drops, `${person.browser}: the SDK's bytesReceived never goes back (${bytes.length} samples)`).toEqual(
          [],
        );
      }
      expect((await counts(other.page)).restarts, 'the polite side only answers the restart').toBe(
        restartsBefore(other),
      );
    } catch (e) {
      console.log(log.join('\n'));
      throw e;
    } finally {
      if (dropping) dropUdp(false);
      await ada?.close();
    }
  });
}
