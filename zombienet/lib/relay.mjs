// SPDX-License-Identifier: Apache-2.0
// A TCP relay that delays what it carries, for nodes whose network cannot be shaped by the
// kernel (this machine's kernel has no netem qdisc): it listens on LISTEN_HOST:LISTEN_PORT,
// connects each client to TARGET_HOST:TARGET_PORT, and hands every chunk on DELAY_MS later in
// each direction, in order. A chunk is "lost" with probability LOSS: as TCP would retransmit it,
// it arrives a retransmission timeout later (Linux's minimum RTO, 200 ms, plus a round trip),
// and everything behind it waits (head-of-line blocking).
//
//   node relay.mjs LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS LOSS
//
// Run inside a node's network namespace with the node listening on the namespace's loopback,
// every connection to the node crosses it once: one-way delay DELAY_MS each way.
import net from 'node:net';

const [listenHost, listenPort, targetHost, targetPort, delayArg, lossArg] = process.argv.slice(2);
const delay = Number(delayArg);
const loss = Number(lossArg);
const retransmit = 200 + 2 * delay;

/// Forwards `from`'s data to `to`, each chunk `delay` ms later (plus a retransmission stall
/// with probability `loss`), never reordering.
function delayed(from, to) {
  let last = 0;
  from.on('data', (chunk) => {
    const stall = Math.random() < loss ? retransmit : 0;
    const at = Math.max(Date.now() + delay + stall, last);
    last = at;
    setTimeout(() => { if (!to.destroyed) to.write(chunk); }, at - Date.now());
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - Date.now())));
  from.on('error', () => to.destroy());
}

net.createServer((client) => {
  const upstream = net.connect(Number(targetPort), targetHost);
  delayed(client, upstream);
  delayed(upstream, client);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}).listen(Number(listenPort), listenHost, () => console.log(`relay ${listenHost}:${listenPort} -> ${targetHost}:${targetPort}, ${delay} ms, loss ${loss}`));
