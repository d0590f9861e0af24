// Redis's partial quicksort (pqsort: Bentley & McIlroy's "Engineering a Sort
// Function" with recursion pruned to the partitions that overlap the wanted
// range). GEO searches with COUNT and SORT BY ... LIMIT use it; only the
// order it leaves between equal elements matters, and that is what this
// reproduces: the same pivots, the same swaps.

type Cmp<T> = (a: T, b: T) => number;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function swapRun<T>(a: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(a, i + k, j + k);
}

function med3<T>(a: T[], i: number, j: number, k: number, cmp: Cmp<T>): number {
  return cmp(a[i], a[j]) < 0
    ? cmp(a[j], a[k]) < 0 ? j : cmp(a[i], a[k]) < 0 ? k : i
    : cmp(a[j], a[k]) > 0 ? j : cmp(a[i], a[k]) < 0 ? i : k;
}

/**
 * Sorts a[from .. from+n-1] so that positions lo..hi (absolute indexes)
 * hold what a full sort would put there, leaving ties where pqsort does.
 */
function pqsortRange<T>(a: T[], from: number, n: number, cmp: Cmp<T>, lo: number, hi: number): void {
  for (;;) {
    if (n < 7) {
      for (let m = from + 1; m < from + n; m++) for (let l = m; l > from && cmp(a[l - 1], a[l]) > 0; l--) swap(a, l, l - 1);
      return;
    }
    let pm = from + (n >> 1);
    if (n > 7) {
      let pl = from;
      let pn = from + n - 1;
      if (n > 40) {
        const d = n >> 3;
        pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
        pm = med3(a, pm - d, pm, pm + d, cmp);
        pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = med3(a, pl, pm, pn, cmp);
    }
    swap(a, from, pm);
    let pa = from + 1;
    let pb = pa;
    let pc = from + n - 1;
    let pd = pc;
    for (;;) {
      let r: number;
      while (pb <= pc && (r = cmp(a[pb], a[from])) <= 0) {
        if (r === 0) swap(a, pa++, pb);
        pb++;
      }
      while (pb <= pc && (r = cmp(a[pc], a[from])) >= 0) {
        if (r === 0) swap(a, pc, pd--);
        pc--;
      }
      if (pb > pc) break;
      swap(a, pb++, pc--);
    }
    const pn = from + n;
    let r = Math.min(pa - from, pb - pa);
    swapRun(a, from, pb - r, r);
    r = Math.min(pd - pc, pn - pd - 1);
    swapRun(a, pb, pn - r, r);
    // Recurse only into partitions that overlap [lo, hi].
    r = pb - pa;
    if (r > 1 && !(hi < from || lo >= from + r)) pqsortRange(a, from, r, cmp, lo, hi);
    r = pd - pc;
    if (r <= 1) return;
    from = pn - r;
    n = r;
    if (hi < from || lo >= from + n) return;
  }
}

/** Redis pqsort(a, n, cmp, lo, hi): a partially sorted so that a[lo..hi] are in final order. */
export function partialSort<T>(a: T[], cmp: Cmp<T>, lo: number, hi: number): void {
  pqsortRange(a, 0, a.length, cmp, lo, hi);
}
