declare module 'robust-point-in-polygon' {
  /** -1 strictly inside, 0 on the boundary, 1 outside; exact arithmetic (no rounding errors). */
  export default function classifyPoint(
    polygon: ReadonlyArray<readonly number[]>,
    point: readonly number[],
  ): -1 | 0 | 1
}
