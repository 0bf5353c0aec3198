import type { EntityManager } from "@mikro-orm/core";
import DataLoader from "dataloader";
import type { Caller } from "../auth/caller";
import type { Clock } from "../domain/clock";
import type { HolidayCalendar } from "../domain/credit/working-days";
import type { DisclosureLog } from "./disclosure";
import type { ArchiveLink } from "./archive-link";

/** One per request in each subgraph: a forked EntityManager, the signed caller, DataLoaders. */
export interface SubgraphContext {
  em: EntityManager;
  caller: Caller;
  requestId: string;
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** Procedures read the time only from here (tests move it). */
  clock: Clock;
  /** Working days for deadlines (R6.6, R7.2). */
  calendar: HolidayCalendar;
  /** What this request disclosed and denied, reported to the gateway for the audit (R8.3). */
  disclosures: DisclosureLog;
  /** A source subgraph's signed calls to the archive (intake: members' families, organisation kinds, leads). */
  archive?: ArchiveLink;
}

/** The request's DataLoader of that name, created on first use (batches within one request only). */
export function loaderFor<K, V>(ctx: SubgraphContext, name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
  let l = ctx.loaders.get(name) as DataLoader<K, V> | undefined;
  if (!l) {
    l = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
    ctx.loaders.set(name, l as DataLoader<unknown, unknown>);
  }
  return l;
}

/** Groups rows by key in the order of `keys` (for DataLoader batch functions). */
export function groupByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (r: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
