/**
 * Static assets kept in memory under content-hashed names (`name.<hash>.ext`), so browsers may
 * cache them for good (`immutable`), and compressed once, on first request, with node:zlib (Brotli,
 * else gzip, as the request accepts). The assets are fixed for the life of the process, so
 * compressing each once and serving the same bytes to every request costs less than a compression
 * middleware working per response; and every response shares one buffer per encoding, so clients
 * that read slowly hold no copy of it.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { PAGE_SECURITY_HEADERS } from './security-headers.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

type Encoding = 'br' | 'gzip';
const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 6 compresses GraphiQL's 8 MB script in well under a second, within a few per cent of 11.
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

interface Asset {
  type: string;
  body: Buffer;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

/** Which encoding to send for an Accept-Encoding header (Brotli first), or null for none. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return [name!, q === undefined ? 1 : Number(q)] as const;
    }),
  );
  return (['br', 'gzip'] as const).find((encoding) => (accepted.get(encoding) ?? 0) > 0) ?? null;
}

export class StaticAssets {
  private readonly assets = new Map<string, Asset>();

  /** @param prefix the URL folder the assets are served under, e.g. `/graphiql-assets/` */
  constructor(readonly prefix: string) {}

  /** Adds an asset; returns its URL path, named after its content. */
  add(name: string, extension: string, type: string, content: string | Buffer): string {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
    const path = `${this.prefix}${name}.${hash}.${extension}`;
    this.assets.set(path, { type, body, encoded: {} });
    return path;
  }

  /** The response (made with the server's own `Response`) for a GET or HEAD of one of the assets; null when the path is not one. */
  async respond(request: Request, pathname: string, ResponseClass: typeof Response): Promise<Response | null> {
    const asset = this.assets.get(pathname);
    if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) return null;
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    const body = encoding ? await (asset.encoded[encoding] ??= compressors[encoding](asset.body)) : asset.body;
    const headers: Record<string, string> = {
      ...PAGE_SECURITY_HEADERS,
      'Content-Type': asset.type,
      'Content-Length': String(body.length),
      'Cache-Control': IMMUTABLE,
      Vary: 'Accept-Encoding',
    };
    if (encoding) headers['Content-Encoding'] = encoding;
    return new ResponseClass(request.method === 'HEAD' ? null : (body as Buffer<ArrayBuffer>), { status: 200, headers });
  }
}
