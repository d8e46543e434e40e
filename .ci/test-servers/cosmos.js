// Starts @vercel/cosmosdb-server 1.0.1 (an in-memory Cosmos DB NoSQL API) over HTTPS on 127.0.0.1
// and a free port, prints "LISTENING <port>" for the test that started it, and exits when its stdin
// closes, so a test JVM that dies leaves no server behind.
//
// The server speaks the REST protocol the JavaScript SDK uses; the Java SDK (azure-cosmos, gateway
// mode) needs the shims of cosmos-shims.js. Each is small and answers one request the server gets
// wrong; they are tested over raw HTTPS by CosmosLauncherTest (adapters-persistence) and, end to end,
// by the contract kits. See docs/AZURE.md for what the server does not emulate.
const { createHttpsServer } = require('@vercel/cosmosdb-server');
const shims = require('./cosmos-shims');

shims.installPatchPredicates();

// keep-alive: the server's default answers every request with connection: close, so each request of the
// SDK paid a new TLS handshake. Idle connections are kept 2 minutes, as Cosmos DB's own front ends keep
// them past the SDK's idle timeout (60 s): Node's default of 5 s closed them while the SDK reused them,
// and a request sent on a connection being closed failed with a reset.
const server = createHttpsServer({ keepAlive: true });
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
const serve = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (req, res) => {
  if (!shims.handle(req, res)) {
    for (const l of serve) {
      l.call(server, req, res);
    }
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + server.address().port + '\n');
});
process.on('exit', (code) => console.error('cosmos launcher exits', code));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
