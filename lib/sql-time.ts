// Times in raw SQL. Columns are `timestamp(3)` holding UTC (Prisma's DateTime):
// a bound ISO string is cast to that type, so no session time zone takes part,
// and a time read back is its epoch in milliseconds.

/** A time as a parameter to cast with `CAST(${param} AS timestamp(3))`. */
export function toTimestampParam(time: number | Date): string {
  return new Date(time).toISOString();
}
