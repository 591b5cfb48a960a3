// The benchmark's baseline: the least a chat relay can do on this machine. Plain WebSockets
// (npm `ws`), no storage, no validation, no JSON parsing: a frame from a visitor goes as it is
// to every agent socket, and the visitor gets a fixed "ok" back as its acknowledgement.
// Started by bench/run.mjs as its own process: `node bench/relay.mjs <port>`.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const agents = new Set();
const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (socket, req) => {
  if (req.url === '/agent') {
    agents.add(socket);
    socket.on('close', () => agents.delete(socket));
    return;
  }
  socket.on('message', (data, isBinary) => {
    for (const agent of agents) agent.send(data, { binary: isBinary });
    socket.send('ok');
  });
});

server.listen(port, '127.0.0.1', () => {
  // The parent reads the port from this line.
  console.log(`relay listening ${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
