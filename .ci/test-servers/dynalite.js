// Starts dynalite (a DynamoDB implementation on LevelDB, in memory here) on 127.0.0.1 and a free
// port, prints "LISTENING <port>" for the test that started it, and exits when its stdin closes,
// so a test JVM that dies leaves no server behind.
const dynalite = require('dynalite');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + server.address().port + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
