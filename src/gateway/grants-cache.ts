// The gateway's copy of the written permissions (R8.2), so that a request needs no call to the
// archive to learn what its organisation may see. It is kept only while PostgreSQL pushes every
// change: a trigger on archive.sharing_permission NOTIFies `hub_grants` with the grantee's code
// at commit (Migration20261202110000), and the gateway LISTENs on its own connection. Then:
//  - a grant, revocation or change drops that organisation's copy at once (the next request reads
//    again): a revocation applies within the notification's delivery (milliseconds), and at once
//    on the gateway that answered the mutation (it drops its copy after every mutation);
//  - a read that started before a change is never kept (a generation counter), so a copy is
//    always at least as new as the last notification;
//  - validity is decided per request by the clock (a permission that starts or ends later is
//    kept with its dates), and a copy is at most `maxAgeMs` old in any case;
//  - fail closed: while the listening connection is down (not yet connected, lost, database
//    restarted), nothing is kept and every request reads the permissions from the archive, as
//    before; reconnecting starts from an empty copy.
// Without a PostgreSQL archive (embedded PGlite in one process) there is nothing to listen to:
// every request reads.
import { Client } from "pg";
import type { GrantInForce } from "../domain/permissions";
import { systemClock, type Clock } from "../domain/clock";
import { currentLogger } from "../observability/logger";

export const GRANTS_CHANNEL = "hub_grants";

/** A permission not revoked and not yet ended, with its dates (the archive's `grants-current`). */
export interface CurrentGrant extends GrantInForce {
  validFrom: string;
  validUntil: string;
}

export interface GrantsCacheStats {
  hits: number;
  reads: number;
  invalidations: number;
  listening: boolean;
}

export class GrantsCache {
  private readonly entries = new Map<string, { grants: CurrentGrant[]; at: number }>();
  private generation = 0;
  private client: Client | null = null;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  readonly stats: GrantsCacheStats = { hits: 0, reads: 0, invalidations: 0, listening: false };

  constructor(
    private readonly read: (org: string, requestId: string) => Promise<CurrentGrant[]>,
    /** The archive's PostgreSQL (LISTEN needs no privilege beyond CONNECT); undefined: no copy kept. */
    private readonly databaseUrl: string | undefined,
    private readonly clock: Clock = systemClock,
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** Connects and listens (in the background on failure: reads go to the archive meanwhile). */
  async start(): Promise<void> {
    if (!this.databaseUrl) return;
    await this.connect().catch(() => this.scheduleReconnect());
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // A database that does not answer must not hold up the gateway: reads go to the archive meanwhile.
    const client = new Client({ connectionString: this.databaseUrl, application_name: "hub-gateway-grants", connectionTimeoutMillis: 5000 });
    const lost = (why: unknown) => {
      if (this.client !== client) return;
      this.drop();
      if (!this.closed) {
        currentLogger().warn({ err: why }, "written-permission notifications lost: every request reads the permissions until reconnected");
        this.scheduleReconnect();
      }
      client.end().catch(() => undefined);
    };
    client.on("error", lost);
    client.on("end", () => lost(new Error("connection ended")));
    client.on("notification", (n) => {
      if (n.channel !== GRANTS_CHANNEL) return;
      this.generation += 1;
      this.stats.invalidations += 1;
      if (!n.payload || n.payload === "*") this.entries.clear();
      else this.entries.delete(n.payload);
    });
    await client.connect();
    this.client = client;
    await client.query(`listen ${GRANTS_CHANNEL}`);
    // Anything kept from before is dropped: changes while not listening were not seen.
    this.entries.clear();
    this.generation += 1;
    this.listening = true;
    this.stats.listening = true;
  }

  private drop(): void {
    this.listening = false;
    this.stats.listening = false;
    this.client = null;
    this.entries.clear();
    this.generation += 1;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch(() => {
        this.drop();
        this.scheduleReconnect();
      });
    }, 1000);
    this.retry.unref();
  }

  /** The permissions in force now for the organisation (R8.2). */
  async grantsInForce(org: string, requestId: string): Promise<GrantInForce[]> {
    const now = this.clock.now().getTime();
    const kept = this.listening ? this.entries.get(org) : undefined;
    if (kept && Date.now() - kept.at < this.maxAgeMs) {
      this.stats.hits += 1;
      return inForce(kept.grants, now);
    }
    const generation = this.generation;
    const at = Date.now();
    const grants = await this.read(org, requestId);
    this.stats.reads += 1;
    // Kept only if no change was notified while reading (else the read may predate it).
    if (this.listening && generation === this.generation) {
      this.entries.delete(org);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(org, { grants, at });
    }
    return inForce(grants, now);
  }

  /**
   * Drops every copy now (and any read in flight): a mutation answered by this gateway (a grant,
   * a revocation) applies to its next request without waiting for the notification.
   */
  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.drop();
    await client?.end().catch(() => undefined);
  }
}

function inForce(grants: CurrentGrant[], now: number): GrantInForce[] {
  return grants
    .filter((g) => Date.parse(g.validFrom) <= now && now < Date.parse(g.validUntil))
    .map(({ id, documentNumber, divisions, scopes }) => ({ id, documentNumber, divisions, scopes }));
}
