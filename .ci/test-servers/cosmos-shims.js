// Shims between the Java Cosmos SDK (azure-cosmos 4.x, gateway mode) and @vercel/cosmosdb-server
// 1.0.1. handle(req, res) answers a request itself (returns true) or adjusts it and lets the server
// answer (returns false). Tested by CosmosLauncherTest (adapters-persistence).

const { Readable } = require('stream');

const DOC = /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/]+$/;
const DOCS = /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/?$/;

function header(req, name) {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isTrue(req, name) {
  return String(header(req, name) || '').toLowerCase() === 'true';
}

function path(req) {
  return (req.url || '').split('?')[0];
}

// The SDK asks the gateway for a query plan before each query (the server has no such endpoint and
// answers with its query result, which the SDK cannot parse). The plan returned here says: run the
// query as written, once, against the one partition key range the server has, with no client-side
// ORDER BY, aggregation or DISTINCT. The server then does ORDER BY, filters and paging itself.
function queryPlan(query) {
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: 'None',
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: '',
      hasSelectValue: /^\s*select\s+value\b/i.test(query || ''),
      dCountInfo: null,
      hasNonStreamingOrderBy: false,
    },
    queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answerQueryPlan(req, res) {
  readBody(req).then((text) => {
    let query = '';
    try {
      query = JSON.parse(text).query;
    } catch (e) {
      // an unparsable body gets the plain plan; the query itself will then fail at the server
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-ms-request-charge', '0');
    res.end(JSON.stringify(queryPlan(query)));
  }, () => {
    res.statusCode = 400;
    res.end('{}');
  });
}

// Reading a missing document: the server dereferences the absent document and answers 500 (a
// TypeError); Cosmos answers 404 NotFound, which is what the SDK and the adapters expect.
function notFoundInsteadOfCrash(res) {
  const end = res.end;
  res.end = function (body, ...rest) {
    if (res.statusCode === 500 && !res.headersSent) {
      res.statusCode = 404;
      body = JSON.stringify({ code: 'NotFound', message: 'Entity with the specified id does not exist in the system.' });
    }
    return end.call(this, body, ...rest);
  };
}

// A conditional patch's filter predicate ("FROM c WHERE ...") is run by the server (1) lower-cased
// whole, so a predicate naming a property with capitals (NOT IS_DEFINED(c.a["idem:k:Ab"])) asks
// about another property and passes where Cosmos would refuse, and (2) compiled anew for every
// literal it holds (an amount, a token's name), about 250 ms each, as its query cache is keyed by
// the text. installPatchPredicates replaces the server's patch with one that runs the predicate as
// written, its string and number literals turned into parameters (so one compiled query serves every
// predicate of a shape), then applies the patch unconditioned: in the same synchronous step, so
// atomically, as the server's own does.
function parameterize(where) {
  const parameters = [];
  const sql = where.replace(/"((?:[^"\\]|\\.)*)"|(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)/g, (m, str, num) => {
    const name = '@p' + parameters.length;
    parameters.push({ name, value: str !== undefined ? JSON.parse('"' + str + '"') : Number(num) });
    return name;
  });
  return { sql, parameters };
}

function installPatchPredicates() {
  const ops = require('@vercel/cosmosdb-server/lib/handler/_patch-operations');
  const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header');
  const original = ops.patchOperation;
  ops.patchOperation = function (collection, input) {
    const m = typeof input.condition === 'string' ? /^\s*from\s+c\s+where\s+([\s\S]*)$/i.exec(input.condition) : null;
    if (!m) {
      return original(collection, input);
    }
    const data = collection.document(input.id, parsePartitionKey(input.partitionKey, input.id)).read();
    if (!data) {
      return { statusCode: 404, body: {} };
    }
    if (input.ifMatch && input.ifMatch !== data._etag) {
      return { statusCode: 412, body: { code: 'PreconditionFailed', message: 'Operation cannot be performed because one of the specified precondition is not met.' } };
    }
    const { sql, parameters } = parameterize(m[1]);
    let matched;
    try {
      // ids repeat across partitions (one per tenant): the predicate holds for this document only if
      // the document it matched is this one
      matched = collection.documents.query({
        query: 'SELECT * FROM c WHERE c.id = @id AND (' + sql + ')',
        parameters: [{ name: '@id', value: input.id }, ...parameters],
      }, {}).result.some((d) => d._rid === data._rid);
    } catch (e) {
      return { statusCode: 400, body: { code: 'BadRequest', message: 'Invalid condition in patch request.' } };
    }
    if (!matched) {
      return { statusCode: 412, body: { code: 'PreconditionFailed', message: 'Condition specified in the patch request is not satisfied.' } };
    }
    return original(collection, { ...input, condition: undefined });
  };
}

function handle(req, res) {
  const p = path(req);
  if (req.method === 'POST' && DOCS.test(p) && isTrue(req, 'x-ms-cosmos-is-query-plan-request')) {
    answerQueryPlan(req, res);
    return true;
  }
  if (req.method === 'GET' && DOC.test(p)) {
    notFoundInsteadOfCrash(res);
  }
  return false;
}

module.exports = { handle, queryPlan, parameterize, installPatchPredicates };
