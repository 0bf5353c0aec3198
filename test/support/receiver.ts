// A stand-in for the national platform's batch endpoint (R6.7), for tests: verifies the HMAC
// signature (`x-hub-batch-signature: v1,<kid>,<ts>,<hex mac over "<ts>.<body>">`, ±5 minutes),
// dedupes by idempotency key, stores the batches, and can be told to fail the next requests:
// 500, 429 (with Retry-After: 0), hang (never answer), 400, or store-then-500 (the batch is
// stored but the answer is lost, so the sender retries a batch the receiver already has).
// Implemented independently of the hub's signing code on purpose.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FailMode = "500" | "429" | "hang" | "400" | "store-then-500";

export interface ReceivedItem {
  sequence: string;
  maskedName: string | null;
  maskedIdNumber: string | null;
  [key: string]: unknown;
}

export interface Delivery {
  batchId: string;
  body: string;
  sha256: string;
  items: ReceivedItem[];
}

export interface ReceiverRequest {
  at: number;
  batchId: string | null;
  outcome: "stored" | "duplicate" | "bad-signature" | "bad-request" | FailMode;
}

export interface Receiver {
  url: string;
  /** Stored batches, one per idempotency key, in arrival order. */
  deliveries: Delivery[];
  /** Every request, in arrival order. */
  requests: ReceiverRequest[];
  /** Raw bodies of every request with a valid signature. */
  bodies: string[];
  /** The next requests (with a valid signature) fail in these ways, one each. */
  plan(...modes: FailMode[]): void;
  /** All stored sequences, in order of arrival. */
  sequences(): string[];
  close(): Promise<void>;
}

export async function startReceiver(keys: Record<string, string>, toleranceSeconds = 300): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const byKey = new Map<string, Delivery>();
  const requests: ReceiverRequest[] = [];
  const bodies: string[] = [];
  const queue: FailMode[] = [];
  const sockets = new Set<Socket>();

  const verify = (header: string | undefined, body: string): boolean => {
    const parts = (header ?? "").split(",");
    if (parts.length !== 4 || parts[0] !== "v1") return false;
    const [, kid, ts, mac] = parts;
    const secret = keys[kid];
    if (!secret || !/^\d+$/.test(ts) || !/^[0-9a-f]{64}$/.test(mac)) return false;
    if (Math.abs(Date.now() / 1000 - Number(ts)) > toleranceSeconds) return false;
    const expected = createHmac("sha256", secret).update(`${ts}.${body}`, "utf8").digest();
    return timingSafeEqual(expected, Buffer.from(mac, "hex"));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
      const note = (outcome: ReceiverRequest["outcome"]) => requests.push({ at: Date.now(), batchId: key, outcome });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== "POST" || !verify(req.headers["x-hub-batch-signature"] as string | undefined, body)) {
        note("bad-signature");
        return send(401, { error: "bad signature" });
      }
      bodies.push(body);
      let parsed: { batchId?: unknown; items?: unknown };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        note("bad-request");
        return send(400, { error: "not JSON" });
      }
      if (!key || parsed.batchId !== key || !Array.isArray(parsed.items) || parsed.items.length === 0) {
        note("bad-request");
        return send(400, { error: "idempotency-key must equal batchId; items required" });
      }
      const mode = queue.shift();
      if (mode === "hang" || mode === "500" || mode === "429" || mode === "400") note(mode);
      if (mode === "hang") return; // never answered; the socket is destroyed on close
      if (mode === "500") return send(500, { error: "unavailable" });
      if (mode === "429") return send(429, { error: "slow down" }, { "retry-after": "0" });
      if (mode === "400") return send(400, { error: "rejected" });
      const store = () => {
        if (byKey.has(key)) return false;
        const d: Delivery = { batchId: key, body, sha256: createHash("sha256").update(body).digest("hex"), items: parsed.items as ReceivedItem[] };
        byKey.set(key, d);
        deliveries.push(d);
        return true;
      };
      if (mode === "store-then-500") {
        store();
        note("store-then-500");
        return send(500, { error: "stored, but the answer is lost" });
      }
      if (store()) {
        note("stored");
        return send(200, { accepted: true, batchId: key });
      }
      note("duplicate");
      return send(200, { accepted: true, duplicate: true, batchId: key });
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/batches`,
    deliveries,
    requests,
    bodies,
    plan: (...modes) => void queue.push(...modes),
    sequences: () => deliveries.flatMap((d) => d.items.map((i) => String(i.sequence))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
