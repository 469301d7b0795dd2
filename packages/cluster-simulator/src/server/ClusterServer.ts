import http, { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { RealClock } from '../clock';
import type { MemoryObjectStore } from '../store/MemoryObjectStore';
import type { Clock } from '../types';
import { ClusterFaults, FaultState } from '../faults/FaultControls';
import { AnonymousAccess, authenticate, ClusterTokens } from './auth';
import { DEFAULT_MAX_BODY_BYTES } from './body';
import {
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  KUBERNETES_VERSION,
} from './discovery';
import type { ResourceRequest } from './handlers/context';
import { handleGet, handleList } from './handlers/read';
import { handleScale } from './handlers/scale';
import { openApiV3GroupDocument, openApiV3Root } from './openapi';
import {
  handleCreate,
  handleDelete,
  handlePatch,
  handleUpdate,
} from './handlers/write';
import { sendError, sendJson } from './respond';
import { RequestLog } from './requestLog';
import { parsePath, Route } from './router';
import { ApiError, errors, statusBody } from './status';
import { handleWatch, WatchRegistry } from './watch';

export interface ClusterServerOptions {
  store: MemoryObjectStore;
  tokens: ClusterTokens;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port; it is kept across `faults.down()`/`up()`. */
  port?: number;
  /** PEM key and certificate; without them the server speaks plain HTTP. */
  tls?: { key: string; cert: string };
  anonymous?: AnonymousAccess;
  /** Server-side close of watches that did not ask for timeoutSeconds (default 5 min). */
  watchTimeoutMs?: number;
  /** BOOKMARK interval for watches with allowWatchBookmarks=true (default 60 s). */
  bookmarkIntervalMs?: number;
  maxBodyBytes?: number;
  requestLogSize?: number;
  /** The cluster's clock (Table ages); defaults to the wall clock. */
  clock?: Clock;
  /** Initial fault settings (e.g. latency for the whole run). */
  faults?: Partial<FaultState>;
}

const WALL_CLOCK: Clock = new RealClock();

const READ_VERBS = new Set(['get', 'list', 'watch']);

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The HTTP(S) API server of one simulated cluster. */
export class ClusterServer {
  readonly faults: ClusterFaults;
  readonly requestLog: RequestLog;
  readonly watches = new WatchRegistry();
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly host: string;
  private port: number;
  private listening = false;

  constructor(private readonly options: ClusterServerOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.requestLog = new RequestLog(options.requestLogSize);
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(() => res.destroy());
    };
    this.server = options.tls
      ? https.createServer(
          { key: options.tls.key, cert: options.tls.cert },
          handler,
        )
      : http.createServer(handler);
    // Malformed HTTP never reaches the handler; answer it with a Status body too.
    this.server.on(
      'clientError',
      (err: NodeJS.ErrnoException, socket: Socket) => {
        if (err.code === 'ECONNRESET' || !socket.writable) {
          socket.destroy();
          return;
        }
        const code = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
        const body = JSON.stringify(
          statusBody(
            new ApiError(
              code,
              'BadRequest',
              `malformed HTTP request: ${err.code ?? 'error'}`,
            ),
          ),
        );
        socket.end(
          `HTTP/1.1 ${code} ${
            code === 431 ? 'Request Header Fields Too Large' : 'Bad Request'
          }\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
              body,
            )}\r\n` +
            `Connection: close\r\n\r\n${body}`,
        );
      },
    );
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.faults = new ClusterFaults(
      {
        dropWatches: () => this.watches.destroyAll(),
        closeWatches: () => this.watches.closeAll(),
        compact: () => options.store.compact(),
        stopListening: () => this.close(),
        startListening: () => this.listen(),
      },
      options.faults,
    );
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `${this.options.tls ? 'https' : 'http'}://${host}:${this.port}`;
  }

  async listen(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  /** Stops listening and drops every connection (hung requests and watches included). */
  async close(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>(resolve =>
      this.server.close(() => resolve()),
    );
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const pathname = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
    const isWatch = ['true', '1'].includes(query.get('watch') ?? '');
    const entry = this.requestLog.add({
      time: new Date(started).toISOString(),
      method: req.method ?? '',
      path: pathname,
      query: Object.fromEntries(query),
      status: 0,
      user: '',
      ms: 0,
      watch: isWatch,
      userAgent: String(req.headers['user-agent'] ?? ''),
    });
    res.once('close', () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      entry.ms = Date.now() - started;
    });

    try {
      const faults = this.faults.state;
      if (faults.latencyMs > 0) await delay(faults.latencyMs);
      // The client left (or the cluster went down) while we waited: nothing to answer, and a
      // watch started now would never see its 'close' event.
      if (res.destroyed || req.socket.destroyed) return;
      if (faults.hang) return; // accepted, never answered; dropped on down() or stop
      if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
        throw errors.internal('simulated server fault');
      }
      const route = parsePath(pathname);
      const auth = req.headers.authorization;
      const identity = authenticate(
        auth,
        this.options.tokens,
        this.options.anonymous,
      );
      // /version is public on real clusters (system:public-info-viewer), unless a bad token is sent.
      if (!identity && !(route?.type === 'version' && !auth))
        throw errors.unauthorized();
      entry.user = identity?.user ?? '';
      if (!route) throw errors.pathNotFound();
      if (route.type !== 'resource') {
        if (req.method !== 'GET')
          throw errors.methodNotAllowed(req.method ?? '');
        const doc = this.discovery(route);
        if (doc === undefined) throw errors.pathNotFound();
        sendJson(res, 200, doc);
        return;
      }
      const verb = verbOf(req.method ?? '', route, isWatch);
      if (verb === '') throw errors.methodNotAllowed(req.method ?? '');
      if (!identity!.canWrite && !READ_VERBS.has(verb)) {
        throw errors.forbidden(
          identity!.user,
          verb,
          route.resource,
          route.name,
          route.namespace,
        );
      }
      const ctx: ResourceRequest = {
        req,
        res,
        store: this.options.store,
        resource: route.resource,
        namespace: route.namespace,
        name: route.name,
        subresource: route.subresource,
        query,
        identity: identity!,
        maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        clock: this.options.clock ?? WALL_CLOCK,
      };
      await this.dispatch(verb, ctx, entry);
    } catch (e) {
      this.fail(req, res, e);
    }
  }

  private async dispatch(
    verb: string,
    ctx: ResourceRequest,
    entry: { status: number },
  ) {
    if (ctx.subresource === 'scale') return handleScale(verb, ctx);
    switch (verb) {
      case 'list':
        return handleList(ctx);
      case 'get':
        return handleGet(ctx);
      case 'watch':
        return handleWatch(
          ctx,
          this.watches,
          {
            watchTimeoutMs: this.options.watchTimeoutMs ?? 5 * 60_000,
            bookmarkIntervalMs: this.options.bookmarkIntervalMs ?? 60_000,
          },
          () => {
            entry.status = 200;
          },
        );
      case 'create':
        return handleCreate(ctx);
      case 'update':
        return handleUpdate(ctx);
      case 'patch':
        return handlePatch(ctx);
      case 'delete':
        return handleDelete(ctx);
      default:
        throw errors.methodNotAllowed(ctx.req.method ?? '');
    }
  }

  private discovery(route: Exclude<Route, { type: 'resource' }>): unknown {
    switch (route.type) {
      case 'version':
        return KUBERNETES_VERSION;
      case 'apiVersions':
        return apiVersions(`${this.host}:${this.port}`);
      case 'apiGroupList':
        return apiGroupList();
      case 'apiGroup':
        return apiGroupDocument(route.group);
      case 'openapiV3Root':
        return openApiV3Root();
      case 'openapiV3':
        return openApiV3GroupDocument(route.gvPath);
      default:
        return apiResourceList(route.group, route.version);
    }
  }

  private fail(req: IncomingMessage, res: ServerResponse, e: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const err =
      e instanceof ApiError ? e : errors.internal('unexpected server error');
    if (!(e instanceof ApiError)) {
      process.emitWarning(
        `cluster-simulator: ${req.method} ${req.url} failed: ${String(e)}`,
      );
    }
    if (err.code === 413) {
      // Don't read the rest of an oversized upload: answer and close the connection.
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.destroy());
    }
    sendError(res, err);
  }
}

/** The RBAC verb of a request, or '' when the method is not allowed on that path. */
function verbOf(
  method: string,
  route: Extract<Route, { type: 'resource' }>,
  watch: boolean,
) {
  const named = route.name !== undefined;
  if (route.subresource) {
    return (
      ({ GET: 'get', PUT: 'update', PATCH: 'patch' } as Record<string, string>)[
        method
      ] ?? ''
    );
  }
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return named ? '' : 'create';
    case 'PUT':
      return named ? 'update' : '';
    case 'PATCH':
      return named ? 'patch' : '';
    case 'DELETE':
      return named ? 'delete' : '';
    default:
      return '';
  }
}
