const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs; anything else is answered before it reaches a uuid column. */
export function isUuid(v: string): boolean {
  return UUID.test(v);
}
