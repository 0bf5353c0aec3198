// node-postgres writes each message of the extended protocol (Parse, Bind, Describe, Execute,
// Sync) to the socket on its own: five syscalls per statement, a quarter of a busy subgraph's
// CPU in the benchmark (issue 12). Corking the socket while a query is submitted sends them in
// one write; nothing else changes (same messages, same order, same error handling).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Query = require("pg/lib/query") as { prototype: { submit(connection: { stream?: { cork?(): void; uncork?(): void } }): unknown; __hubCorked?: boolean } };

if (!Query.prototype.__hubCorked) {
  const submit = Query.prototype.submit;
  Query.prototype.submit = function corkedSubmit(this: unknown, connection) {
    const stream = connection.stream;
    if (!stream?.cork || !stream.uncork) return submit.call(this, connection);
    stream.cork();
    try {
      return submit.call(this, connection);
    } finally {
      stream.uncork();
    }
  };
  Query.prototype.__hubCorked = true;
}

export {};
