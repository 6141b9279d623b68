/**
 * A minimal GraphQL-over-HTTP client on a keep-alive connection, so a measured latency is the
 * server's work plus one local round trip, not connection set-up or fetch overhead.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphqlResponse {
  ms: number;
  headers: IncomingHttpHeaders;
  body: { data?: unknown; errors?: { message: string }[]; extensions?: Record<string, unknown> };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function postGraphql(baseUrl: string, payload: GraphqlRequest): Promise<GraphqlResponse> {
  const body = JSON.stringify(payload);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ ms, headers: res.headers, body: JSON.parse(text) as GraphqlResponse['body'] });
          } catch {
            reject(new Error(`HTTP ${res.statusCode} from /graphql with a body that is not JSON: ${text.slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts and fails loudly on GraphQL errors: a benchmark of error responses would measure nothing. */
export async function postGraphqlOk(baseUrl: string, payload: GraphqlRequest): Promise<GraphqlResponse> {
  const response = await postGraphql(baseUrl, payload);
  if (response.body.errors?.length) {
    throw new Error(`GraphQL errors for ${payload.operationName ?? 'query'}: ${response.body.errors.map((e) => e.message).join('; ')}`);
  }
  return response;
}
