// Starts dynalite (a DynamoDB implementation on LevelDB) on 127.0.0.1, prints "LISTENING <port>"
// for the test that started it, and exits when its stdin closes, so a test JVM that dies leaves no
// server behind. Arguments, both optional: the port (default: a free one) and a directory to keep
// the data in (default: memory), so a test can kill the server and start it again on the same port
// and data.
const dynalite = require('dynalite');

const port = Number(process.argv[2] || 0);
const path = process.argv[3];
const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
if (path) {
  options.path = path;
}
const server = dynalite(options);
server.listen(port, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + server.address().port + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
