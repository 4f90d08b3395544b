import "server-only";
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";

// Messages between the app's instances on one PostgreSQL database, through LISTEN/NOTIFY: what
// lives in one instance's memory (how far an import has got) but is asked for from any instance
// behind the proxy. A notification reaches every connection listening on the channel when it is
// sent, outside a transaction; nothing is stored, so a message is for those listening at the time.

/** At most this often a message under one key is sent; the latest waits for the rest of the interval. */
const SEND_INTERVAL_MS = 200;
/** PostgreSQL refuses a payload of 8000 bytes or more; messages are far smaller, and a larger one is dropped. */
const MAX_PAYLOAD_BYTES = 7900;

type Pending = { payload: string; timer: NodeJS.Timeout };

/**
 * One channel of JSON messages. Its connection is opened on the first send or listen and again
 * after it is lost; sending never throws (the messages say how far something has got, and the
 * work they describe must not fail for them).
 */
export class NotifyChannel {
  /** Tells this instance's own messages from the others' (a listening connection hears its own too). */
  private readonly origin = randomUUID();
  private connection: Promise<pg.Client> | null = null;
  private listening = false;
  private readonly listens = new WeakMap<pg.Client, Promise<void>>();
  private closed = false;
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private readonly receivers = new Set<(message: unknown) => void>();
  /** Whether a failure has been reported since the connection last worked (reported once, not per message). */
  private failureReported = false;

  constructor(
    private readonly connectionString: string,
    readonly name: string,
  ) {}

  /** Calls `receive` with every other instance's messages once listening (see listen). */
  onMessage(receive: (message: unknown) => void): void {
    this.receivers.add(receive);
  }

  /** Starts listening, if not already; resolves once the database has the LISTEN. */
  async listen(): Promise<void> {
    if (this.closed) return;
    this.listening = true;
    await this.connect();
  }

  /**
   * Sends `message` under `key`: at once, or, when one under the same key went less than
   * SEND_INTERVAL_MS ago, the latest after the rest of it. `urgent` sends at once (a last message).
   */
  send(key: string, message: unknown, urgent = false): void {
    if (this.closed) return;
    const payload = JSON.stringify({ origin: this.origin, message });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return;
    const waiting = this.pending.get(key);
    if (waiting) clearTimeout(waiting.timer);
    this.pending.delete(key);
    const wait = urgent ? 0 : (this.lastSent.get(key) ?? 0) + SEND_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.deliver(key, payload);
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.deliver(key, payload);
    }, wait);
    timer.unref();
    this.pending.set(key, { payload, timer });
  }

  /** Stops listening and closes the connection; messages not yet sent are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    const connection = this.connection;
    this.connection = null;
    if (connection) await (await connection.catch(() => null))?.end().catch(() => undefined);
  }

  private deliver(key: string, payload: string): void {
    this.lastSent.set(key, Date.now());
    if (this.lastSent.size > 1000) this.lastSent.delete(this.lastSent.keys().next().value!);
    this.connect()
      .then((client) => client.query("SELECT pg_notify($1, $2)", [this.name, payload]))
      .catch((error: unknown) => this.failed(error));
  }

  private connect(): Promise<pg.Client> {
    this.connection ??= this.open();
    return this.connection.then(async (client) => {
      // A connection opened to send listens too once this instance listens. Every caller waits for
      // the one LISTEN (so `listen()` resolves once the database has it, and sends keep their order);
      // a LISTEN that failed is tried again by the next caller.
      if (this.listening) {
        let listened = this.listens.get(client);
        if (!listened) {
          listened = client.query(`LISTEN "${this.name}"`).then(() => undefined);
          this.listens.set(client, listened);
          listened.catch(() => this.listens.delete(client));
        }
        await listened;
      }
      return client;
    });
  }

  private open(): Promise<pg.Client> {
    // Keep-alive probes find a connection the network dropped without a word (a listener would
    // otherwise wait for ever); a statement that hangs fails, and the next send opens another.
    const client = new pg.Client({
      connectionString: this.connectionString,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
    });
    const opened = client.connect().then(() => {
      this.failureReported = false;
      return client;
    });
    const lost = () => {
      if (this.connection === opened) this.connection = null;
    };
    client.on("error", (error) => {
      this.failed(error);
      lost();
    });
    client.on("end", lost);
    client.on("notification", (notification) => {
      // Anyone connected to the database may send on the channel: nothing sent may throw here, where
      // an exception would end the process.
      try {
        if (notification.channel !== this.name || !notification.payload) return;
        const parsed: unknown = JSON.parse(notification.payload);
        if (typeof parsed !== "object" || parsed === null) return;
        const { origin, message } = parsed as { origin?: unknown; message?: unknown };
        if (origin === this.origin) return;
        for (const receive of this.receivers) receive(message);
      } catch {
        // Not JSON, or a receiver refused it: set aside.
      }
    });
    opened.catch((error: unknown) => {
      lost();
      this.failed(error);
      client.end().catch(() => undefined);
    });
    return opened;
  }

  private failed(error: unknown): void {
    if (this.failureReported || this.closed) return;
    this.failureReported = true;
    console.warn(`Messages between instances (${this.name}) are not getting through: ${String(error)}`);
  }
}

/**
 * The channel's name for this database and schema: instances of one app share it, while test
 * workers on separate schemas of one database do not hear each other.
 */
export function channelName(purpose: string, schema: string | undefined): string {
  const suffix = schema ? `_${createHash("sha256").update(schema).digest("hex").slice(0, 12)}` : "";
  return `factcheck_${purpose}${suffix}`;
}
