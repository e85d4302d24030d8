// Turns the output of one turnutils_uclient run into the JSON line of bench/turn.sh.
// uclient prints its totals once a second ("N: : start_mclient: ... tot_send_msgs=S,
// tot_recv_msgs=R"); the relay's rate is the messages echoed back over the seconds from the
// first one sent to the last one received, which leaves out allocation before and uclient's
// idle wait for stragglers after. With one-second steps, runs of 5 s or more keep that within
// about 20 %.
//   node turn-summary.js OUTPUT server clients messages bytes interval cpuBefore cpuAfter label transport
const fs = require('node:fs');
const [file, server, clients, messages, bytes, interval, cpuBefore, cpuAfter, label, transport] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

const progress = [...text.matchAll(/^(\d+): : start_mclient: (?:msz=\d+, )?tot_send_msgs=(\d+), tot_recv_msgs=(\d+)/gm)]
  .map((m) => ({ second: +m[1], sent: +m[2], received: +m[3] }));
const last = (re) => { const all = [...text.matchAll(re)]; return all.length ? Number(all.at(-1)[1]) : null; };
const sent = last(/tot_send_msgs=(\d+), tot_recv_msgs/g) ?? 0;
const received = last(/tot_recv_msgs=(\d+)/g) ?? 0;
const firstSending = progress.find((p) => p.sent > 0);
const allReceived = progress.find((p) => p.received === received);
// Sending began within the second before the first line that shows any.
const seconds = firstSending && allReceived ? Math.max(1, allReceived.second - (firstSending.second - 1)) : null;
const cpu = Number(cpuAfter) - Number(cpuBefore);
// Every echoed message crosses the server twice: client to peer, and the echo back.
const datagrams = 2 * received;
const gib = (datagrams * Number(bytes)) / 2 ** 30;
const round = (x, d) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
console.log(JSON.stringify({
  scenario: 'turn', server, label, transport: transport ?? 'udp', clients: +clients, messagesPerClient: +messages, messageBytes: +bytes,
  intervalMs: +interval, offeredPerSecond: Math.round((+clients * 1000) / +interval),
  sent, received, lost: last(/Total lost packets (\d+)/g),
  lossPercent: sent > 0 ? round((100 * (sent - received)) / sent, 3) : null,
  relaySeconds: seconds, echoedPerSecond: seconds ? Math.round(received / seconds) : null,
  averageRoundTripMs: last(/Average round trip delay ([\d.]+) ms/g),
  serverCpuSeconds: round(cpu, 2),
  serverCpuSecondsPerGiB: gib > 0 ? round(cpu / gib, 2) : null,
  serverCpuMicrosPerDatagram: datagrams > 0 ? round((cpu / datagrams) * 1e6, 2) : null,
}));
