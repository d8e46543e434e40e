// Shims between the Java Cloud Storage client (google-cloud-storage 2.x, JSON API) and the storage
// emulator of firebase-tools 15.34.2. handle(req, res, emulator) answers a request itself (returns
// true) or adjusts it and lets the emulator answer (returns false). Tested by GcsLauncherTest.

const zlib = require('zlib');

// The client may gzip request bodies (Content-Encoding: gzip); the shims read them as sent.
function body(req, chunks) {
  const raw = Buffer.concat(chunks);
  return String(req.headers['content-encoding'] || '').toLowerCase() === 'gzip' ? zlib.gunzipSync(raw) : raw;
}

// Service-account credentials fetch an access token from the key file's token_uri; the test key files
// point it here, so no request leaves the machine. Any assertion gets a short-lived token.
function answerToken(res) {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ access_token: 'local-test-token', expires_in: 3600, token_type: 'Bearer' }));
}

// The client creates a bucket with POST /storage/v1/b?project=...; the emulator creates buckets on
// first use and has no such route. Answer as GCS does, with the bucket.
function createBucket(req, res, emulator) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let name;
    try {
      name = JSON.parse(body(req, chunks).toString('utf8')).name;
    } catch (e) {
      name = undefined;
    }
    if (!name) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: { code: 400, message: 'bucket name required' } }));
      return;
    }
    emulator.adminStorageLayer.createBucket(name);
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ kind: 'storage#bucket', id: name, name, location: 'US', storageClass: 'STANDARD' }));
  });
}

// A resumable upload in several chunks: the emulator finalizes the upload on its first PUT and
// buffers that body whole. Chunks that are not the last (Content-Range: bytes a-b/*) are appended to
// the staged upload here and answered 308 with the range received, as GCS does; the last chunk
// (bytes a-b/total or bytes */total) goes to the emulator, which appends it and finalizes.
function continueChunk(req, res, emulator) {
  const url = new URL(req.url, 'http://local');
  const uploadId = url.searchParams.get('upload_id');
  const range = /^bytes (\d+)-(\d+)\/\*$/.exec(req.headers['content-range'] || '');
  if (!uploadId || !range) {
    return false;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      const upload = emulator.uploadService.continueResumableUpload(uploadId, body(req, chunks));
      res.statusCode = 308;
      res.setHeader('range', 'bytes=0-' + (upload.size - 1));
      res.end();
    } catch (e) {
      res.statusCode = 404;
      res.end();
    }
  });
  return true;
}

// Bucket metadata (GET /storage/v1/b/NAME): the emulator has no such route. A bucket exists once it
// was created or used.
function getBucket(name, res, emulator) {
  res.setHeader('content-type', 'application/json');
  // eslint-disable-next-line no-underscore-dangle
  if (emulator.adminStorageLayer._buckets.has(name)) {
    res.statusCode = 200;
    res.end(JSON.stringify({ kind: 'storage#bucket', id: name, name, location: 'US', storageClass: 'STANDARD' }));
  } else {
    res.statusCode = 404;
    res.end(JSON.stringify({ error: { code: 404, message: 'The specified bucket does not exist.' } }));
  }
}

function handle(req, res, emulator) {
  // every request is the project owner's: the emulator then skips Security Rules (not started here)
  req.headers.authorization = 'Bearer owner';
  const override = req.headers['x-http-method-override'];
  if (override) {
    req.method = String(override).toUpperCase();
    delete req.headers['x-http-method-override'];
  }
  const path = req.url.split('?')[0];
  if (req.method === 'POST' && path === '/token') {
    answerToken(res);
    return true;
  }
  if (req.method === 'POST' && (path === '/storage/v1/b' || path === '/b')) {
    createBucket(req, res, emulator);
    return true;
  }
  const bucket = /^\/storage\/v1\/b\/([^/]+)\/?$/.exec(path);
  if (req.method === 'GET' && bucket) {
    getBucket(decodeURIComponent(bucket[1]), res, emulator);
    return true;
  }
  if (req.method === 'PUT' && path.startsWith('/upload/storage/v1/b/') && continueChunk(req, res, emulator)) {
    return true;
  }
  // the emulator serves the JSON API's object routes without the /storage/v1 prefix for some methods
  if (req.url.startsWith('/storage/v1/b/')) {
    req.url = req.url.substring('/storage/v1'.length);
  }
  return false;
}

module.exports = { handle };
