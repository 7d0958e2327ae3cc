// Locates the first syntax error in a JSON text. JSON.parse on Node 20 often says only "Unexpected token" with no
// position; people fixing a file need the line and column. Runs only after JSON.parse has already failed.

export interface JsonSyntaxError {
  /** Offset (UTF-16 code units) of the offending character. */
  offset: number;
  line: number;
  column: number;
  reason: string;
}

const WS = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const DIGIT = (c: number) => c >= 0x30 && c <= 0x39;
const HEX = /^[0-9a-fA-F]{4}$/;

/** Returns undefined when the text is valid JSON. Iterative, so deep nesting cannot overflow the stack. */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  let i = 0;
  const stack: Array<'{' | '['> = [];
  let opened = false; // a container was just opened: it may close at once, else its first member follows
  const fail = (reason: string, at = i): JsonSyntaxError => ({ offset: at, ...lineColumn(text, at), reason });
  const ws = () => {
    while (i < n && WS(text.charCodeAt(i))) i++;
  };
  const found = () => (i >= n ? 'end of input' : `'${text[i]}'`);

  const string = (): JsonSyntaxError | undefined => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= n) return fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!HEX.test(text.slice(i + 2, i + 6))) return fail('invalid \\u escape: expected 4 hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(`invalid escape '\\${e ?? ''}'`);
        continue;
      }
      if (c < 0x20) return fail('control character in a string (escape it, e.g. \\n)');
      i++;
    }
  };

  const number = (): JsonSyntaxError | undefined => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (i < n && DIGIT(text.charCodeAt(i))) while (i < n && DIGIT(text.charCodeAt(i))) i++;
    else return fail('invalid number: expected a digit');
    if (text[i] === '.') {
      i++;
      if (!(i < n && DIGIT(text.charCodeAt(i))))
        return fail('invalid number: expected a digit after the decimal point');
      while (i < n && DIGIT(text.charCodeAt(i))) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!(i < n && DIGIT(text.charCodeAt(i)))) return fail('invalid number: expected a digit in the exponent');
      while (i < n && DIGIT(text.charCodeAt(i))) i++;
    }
    return undefined;
  };

  // A value is expected at i; returns an error, or undefined once the value (or the opening of a container) is read.
  const value = (): JsonSyntaxError | undefined => {
    ws();
    if (i >= n) return fail('unexpected end of input: expected a value');
    const c = text[i]!;
    if (c === '{' || c === '[') {
      stack.push(c);
      opened = true;
      i++;
      return undefined;
    }
    if (c === '"') return string();
    if (c === '-' || DIGIT(c.charCodeAt(0))) return number();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return undefined;
      }
    }
    return fail(`unexpected ${found()}: expected a value`);
  };

  const key = (): JsonSyntaxError | undefined => {
    ws();
    if (text[i] !== '"') return fail(`unexpected ${found()}: expected a property name in double quotes`);
    const e = string();
    if (e) return e;
    ws();
    if (text[i] !== ':') return fail(`unexpected ${found()}: expected ':' after the property name`);
    i++;
    return undefined;
  };

  let err = value();
  while (!err) {
    const top = stack[stack.length - 1];
    if (opened && top !== undefined) {
      opened = false;
      ws();
      if (top === '{') {
        if (text[i] === '}') {
          stack.pop();
          i++;
        } else if ((err = key()) || (err = value())) break;
      } else if (text[i] === ']') {
        stack.pop();
        i++;
      } else if ((err = value())) break;
      continue;
    }
    ws();
    if (top === undefined) {
      return i < n ? fail(`unexpected ${found()} after the JSON value`) : undefined;
    }
    const close = top === '{' ? '}' : ']';
    if (text[i] === close) {
      stack.pop();
      i++;
    } else if (text[i] === ',') {
      i++;
      if (top === '{') err = key() ?? value();
      else err = value();
    } else {
      err = fail(`unexpected ${found()}: expected ',' or '${close}'`);
    }
  }
  return err;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}
