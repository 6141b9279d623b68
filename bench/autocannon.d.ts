/** The part of autocannon's API the load benchmark uses (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Options {
    url: string;
    connections: number;
    duration: number;
    /** Seconds before a request counts as a timeout error. */
    timeout: number;
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    /** Falsy for a response counted in `mismatches`. */
    verifyBody?: (body: string) => boolean;
    requests?: { setupRequest: (request: { body?: string }) => { body?: string } }[];
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
