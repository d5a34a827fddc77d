import { once } from 'node:events';
import net from 'node:net';

/**
 * A TCP proxy in front of a Redis of the test's own that can lose an answer the way a network cut does: armed with a
 * pattern, the first command whose bytes contain it reaches Redis (which runs it), and the connection is cut before
 * Redis's answer comes back. The client reconnects through the proxy, which then forwards everything again.
 */
export class CuttingProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private armed: string | undefined;
  private refuseAfterCut = false;
  private port = 0;
  /** Commands cut so far (their pattern). */
  readonly cuts: string[] = [];

  private constructor(private readonly targetPort: number) {
    this.server = net.createServer((client) => this.pipe(client));
  }

  static async inFrontOf(targetPort: number): Promise<CuttingProxy> {
    const proxy = new CuttingProxy(targetPort);
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    proxy.port = (proxy.server.address() as net.AddressInfo).port;
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * The next command containing `pattern` is run by Redis but its answer never reaches the client. `thenRefuse`: the
   * proxy then stops listening until `reopen()`, so connections are refused (a cut that outlasts the client's retries;
   * a connection accepted and dropped would not do, since ioredis counts its retries afresh on every connection).
   */
  cutAfter(pattern: string, options: { thenRefuse?: boolean } = {}): void {
    this.armed = pattern;
    this.refuseAfterCut = options.thenRefuse ?? false;
  }

  /** Listens again on the same port. */
  async reopen(): Promise<void> {
    if (this.server.listening) return;
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      const pattern = this.armed;
      if (pattern !== undefined && chunk.includes(pattern)) {
        this.armed = undefined;
        this.cuts.push(pattern);
        if (this.refuseAfterCut) this.server.close();
        // Redis gets the command whole (end() flushes it); the client loses the connection before any answer.
        client.destroy();
        this.sockets.delete(client);
        upstream.end(chunk);
        return;
      }
      upstream.write(chunk);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise((resolve) => this.server.close(resolve));
  }
}
