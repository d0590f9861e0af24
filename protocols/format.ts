// Number formatting exactly as Redis prints numbers.

/**
 * C's printf("%.17g", x), which Redis 7.0 uses for double replies
 * (ZSCORE, RESP3 doubles, ...). inf/-inf/nan spelled as Redis does.
 */
export function formatDouble(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const expForm = x.toExponential(16); // d.dddddddddddddddde±X, correctly rounded
  const ePos = expForm.indexOf('e');
  const exp = Number(expForm.slice(ePos + 1));
  if (exp < -4 || exp >= 17) {
    let mant = expForm.slice(0, ePos);
    if (mant.indexOf('.') >= 0) mant = mant.replace(/\.?0+$/, '');
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  let fixed = x.toFixed(16 - exp);
  if (fixed.indexOf('.') >= 0) fixed = fixed.replace(/\.?0+$/, '');
  return fixed;
}

/** Integer (number or bigint) as decimal ASCII. */
export function formatInteger(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
}
