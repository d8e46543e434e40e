// Shims between the Java Cosmos SDK (azure-cosmos 4.x, gateway mode) and @vercel/cosmosdb-server
// 1.0.1. handle(req, res) answers a request itself (returns true) or adjusts it and lets the server
// answer (returns false). Tested by CosmosLauncherTest (adapters-persistence).

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

module.exports = { handle, queryPlan };
