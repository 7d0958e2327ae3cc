// Valid tax codes for the tests, made here from the check-digit rule itself (Circular 105/2020/TT-BTC's structure;
// weights 31, 29, 23, 19, 17, 13, 7, 5, 3 over the first nine digits, N10 = 10 − (s mod 11)) — worked out
// independently of @dbi/reference, so a wrong rule there is caught by the tests that use these codes.
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The nine digits followed by their check digit; throws for nine digits no valid code starts with. */
export function withCheckDigit(nine: string): string {
  if (!/^[0-9]{9}$/.test(nine)) throw new Error(`${nine}: nine digits expected`);
  let s = 0;
  for (let i = 0; i < 9; i++) s += WEIGHTS[i]! * Number(nine[i]);
  const check = 10 - (s % 11);
  if (check === 10) throw new Error(`${nine}: no valid tax code starts with these digits`);
  return `${nine}${check}`;
}

/** The enterprise of the shared `enterprise` key (Hà Nội): 010123456 + its check digit. */
export const ENTERPRISE_TAX_CODE = withCheckDigit('010123456');
