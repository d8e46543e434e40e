// Starts the Cloud Storage emulator of firebase-tools 15.34.2 (it serves the GCS JSON API) on
// 127.0.0.1 and a free port chosen by the test, keeping objects under the directory the test names,
// prints "LISTENING <port>" when ready and exits when its stdin closes, so a test JVM that dies
// leaves no server behind.
//
// The emulator is started programmatically: its usual start downloads a Security Rules runtime from
// the internet, which is neither possible nor wanted here, so the rules runtime is not started and
// every request is served as the project owner's (gcs-shims.js). The shims that make the Java
// client work against it are in gcs-shims.js; they are tested over plain HTTP by GcsLauncherTest
// (adapters-blob) and, end to end, by the ObjectStore contract kit. docs/GOOGLE.md lists what the
// emulator does not do.
const http = require('http');
const { StorageEmulator } = require('firebase-tools/lib/emulator/storage');
const { createApp } = require('firebase-tools/lib/emulator/storage/server');
const { EmulatorRegistry } = require('firebase-tools/lib/emulator/registry');
const shims = require('./gcs-shims');

const port = parseInt(process.argv[2], 10);
const dir = process.argv[3];
if (!port || !dir) {
  process.stderr.write('usage: node gcs.js <port> <directory>\n');
  process.exit(2);
}

class LocalStorage extends StorageEmulator {
  getPersistenceTmpDir() {
    return dir;
  }

  async start() {
    this._app = await createApp('northstar-test', this);
    const server = http.createServer((req, res) => {
      if (!shims.handle(req, res, this)) {
        this._app(req, res);
      }
    });
    server.listen(port, '127.0.0.1', () => {
      process.stdout.write('LISTENING ' + server.address().port + '\n');
    });
  }
}

const emulator = new LocalStorage({ projectId: 'northstar-test', host: '127.0.0.1', port });
// registered, because the emulator builds self links and upload URLs from the registry
EmulatorRegistry.start(emulator).catch((e) => {
  process.stderr.write('the storage emulator did not start: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
