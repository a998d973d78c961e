/**
 * The ConnectWise `conditions` language: a tokenizer, a recursive-descent parser and a compiler that checks
 * every field and value against a resource's field table before it evaluates anything.
 *
 *   board/id = 1 and (status/name in ('New','Ready') or owner/id = null) and lastUpdated > [2026-11-01T10:00:00Z]
 *
 * Semantics follow the SQL Server the real API translates to: string comparisons ignore case, and a
 * comparison with a null field is never true except `= null` (so `owner/id != 5` skips unassigned tickets).
 * Positions in errors are 1-based character positions in the conditions text.
 */

export type FieldType = 'string' | 'number' | 'boolean' | 'date';
/** What a field getter returns; dates are epoch milliseconds. */
export type FieldValue = string | number | boolean | null;
export interface FieldSpec<T> { type: FieldType; get: (record: T) => FieldValue }
export type FieldTable<T> = Readonly<Record<string, FieldSpec<T>>>;

export type ConditionsErrorKind = 'syntax' | 'unknownField' | 'type';
export class ConditionsError extends Error {
  constructor(
    message: string,
    readonly kind: ConditionsErrorKind,
    /** 1-based position in the conditions text. */
    readonly position: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConditionsError';
  }
}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: number; text: string };
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Operator = ComparisonOperator | 'contains' | 'like' | 'in';
export interface Comparison { kind: 'compare'; field: string; position: number; operator: Operator; negated: boolean; value: Literal | Literal[] }
export interface Junction { kind: 'and' | 'or'; left: Condition; right: Condition }
export type Condition = Junction | Comparison;

// ---------------------------------------------------------------- tokenizer

type TokenType = 'word' | 'string' | 'number' | 'date' | 'operator' | '(' | ')' | ',' | 'end';
interface Token { type: TokenType; text: string; position: number; literal?: Literal }

const COMPARISON_OPERATORS: readonly string[] = ['<=', '>=', '!=', '=', '<', '>'];
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function syntaxError(message: string, position: number): ConditionsError {
  return new ConditionsError(`Syntax error in conditions at position ${position}: ${message}`, 'syntax', position);
}

/** Parses the inside of `[...]` as an instant; a date or time without a zone is UTC. */
function parseDate(text: string, position: number): number {
  const trimmed = text.trim();
  if (!DATE_PATTERN.test(trimmed)) throw syntaxError(`'[${text}]' is not a date (expected e.g. [2026-11-01T10:00:00Z])`, position);
  let iso = trimmed.replace(' ', 'T');
  if (!/T/.test(iso)) iso += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw syntaxError(`'[${text}]' is not a valid date`, position);
  return value;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    const position = i + 1;
    if (/\s/.test(char)) { i++; continue; }
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: char, text: char, position });
      i++;
      continue;
    }
    const operator = COMPARISON_OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (operator) {
      tokens.push({ type: 'operator', text: operator, position });
      i += operator.length;
      continue;
    }
    if (char === "'" || char === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw syntaxError(`the string starting here is not closed with ${char}`, position);
        const c = text[j] as string;
        if (c === '\\' && j + 1 < text.length) { value += text[j + 1]; j += 2; continue; }
        if (c === char) {
          if (text[j + 1] === char) { value += char; j += 2; continue; }
          break;
        }
        value += c;
        j++;
      }
      tokens.push({ type: 'string', text: text.slice(i, j + 1), position, literal: { kind: 'string', value } });
      i = j + 1;
      continue;
    }
    if (char === '[') {
      const close = text.indexOf(']', i + 1);
      if (close < 0) throw syntaxError("the date starting here is not closed with ']'", position);
      const inside = text.slice(i + 1, close);
      tokens.push({ type: 'date', text: text.slice(i, close + 1), position, literal: { kind: 'date', value: parseDate(inside, position), text: inside } });
      i = close + 1;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?/.exec(text.slice(i));
    if (number && (char !== '-' || /\d/.test(text[i + 1] ?? ''))) {
      if (/[A-Za-z_]/.test(text[i + number[0].length] ?? '')) throw syntaxError(`'${text.slice(i).split(/[\s()=,]/)[0]}' is not a number`, position);
      tokens.push({ type: 'number', text: number[0], position, literal: { kind: 'number', value: Number(number[0]) } });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ type: 'word', text: word[0], position });
      i += word[0].length;
      continue;
    }
    throw syntaxError(`unexpected character '${char}'`, position);
  }
  tokens.push({ type: 'end', text: 'end of conditions', position: text.length + 1 });
  return tokens;
}

// ---------------------------------------------------------------- parser

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'like', 'contains', 'true', 'false', 'null']);
const isKeyword = (token: Token, keyword: string): boolean => token.type === 'word' && token.text.toLowerCase() === keyword;
const describe = (token: Token): string => (token.type === 'end' ? 'the end of conditions' : `'${token.text}'`);

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token);
  }
  private take(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  parse(): Condition {
    const condition = this.parseOr();
    const rest = this.peek();
    if (rest.type !== 'end') {
      throw syntaxError(rest.type === ')' ? "')' has no matching '('" : `expected 'and', 'or' or the end of conditions, found ${describe(rest)}`, rest.position);
    }
    return condition;
  }

  private parseOr(): Condition {
    let left = this.parseAnd();
    while (isKeyword(this.peek(), 'or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Condition {
    let left = this.parsePrimary();
    while (isKeyword(this.peek(), 'and')) {
      this.take();
      left = { kind: 'and', left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): Condition {
    const token = this.take();
    if (token.type === '(') {
      const inner = this.parseOr();
      const close = this.take();
      if (close.type !== ')') throw syntaxError(`expected ')' to close the '(' at position ${token.position}, found ${describe(close)}`, close.position);
      return inner;
    }
    if (token.type !== 'word' || KEYWORDS.has(token.text.toLowerCase())) {
      throw syntaxError(`expected a field name or '(', found ${describe(token)}`, token.position);
    }
    return this.parseComparison(token);
  }

  private parseComparison(field: Token): Condition {
    const base = { kind: 'compare' as const, field: field.text, position: field.position };
    const next = this.take();
    if (next.type === 'operator') {
      return { ...base, operator: next.text as ComparisonOperator, negated: false, value: this.parseLiteral(next) };
    }
    let negated = false;
    let operatorToken = next;
    if (isKeyword(next, 'not')) {
      negated = true;
      operatorToken = this.take();
      if (!['in', 'like', 'contains'].some((keyword) => isKeyword(operatorToken, keyword))) {
        throw syntaxError(`'not' must be followed by 'in', 'like' or 'contains', found ${describe(operatorToken)}`, operatorToken.position);
      }
    }
    if (isKeyword(operatorToken, 'like') || isKeyword(operatorToken, 'contains')) {
      const operator = operatorToken.text.toLowerCase() as 'like' | 'contains';
      return { ...base, operator, negated, value: this.parseLiteral(operatorToken) };
    }
    if (isKeyword(operatorToken, 'in')) {
      const open = this.take();
      if (open.type !== '(') throw syntaxError(`expected '(' after 'in', found ${describe(open)}`, open.position);
      const values: Literal[] = [this.parseLiteral(open)];
      for (;;) {
        const separator = this.take();
        if (separator.type === ')') break;
        if (separator.type !== ',') throw syntaxError(`expected ',' or ')' in the 'in' list, found ${describe(separator)}`, separator.position);
        values.push(this.parseLiteral(separator));
      }
      return { ...base, operator: 'in', negated, value: values };
    }
    throw syntaxError(`expected an operator (= != < <= > >= contains like in not) after '${field.text}', found ${describe(operatorToken)}`, operatorToken.position);
  }

  private parseLiteral(after: Token): Literal {
    const token = this.take();
    if (token.literal) return token.literal;
    if (isKeyword(token, 'true')) return { kind: 'boolean', value: true };
    if (isKeyword(token, 'false')) return { kind: 'boolean', value: false };
    if (isKeyword(token, 'null')) return { kind: 'null' };
    const hint = token.type === 'word' ? ' (strings need quotes)' : '';
    throw syntaxError(`expected a value after '${after.text}', found ${describe(token)}${hint}`, token.position);
  }
}

/** Parses conditions text; an empty or blank text means "no conditions" and gives null. */
export function parseConditions(text: string): Condition | null {
  const tokens = tokenize(text);
  if (tokens.length === 1) return null;
  return new Parser(tokens).parse();
}

// ---------------------------------------------------------------- compiler and evaluator

export type Predicate<T> = (record: T) => boolean;

function literalLabel(literal: Literal): string {
  switch (literal.kind) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'true/false';
    case 'null': return 'null';
    case 'date': return 'a [date]';
  }
}

const LITERAL_FOR_TYPE: Record<FieldType, Literal['kind']> = { string: 'string', number: 'number', boolean: 'boolean', date: 'date' };

function likePattern(pattern: string): RegExp {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[*%]/g, '.*');
  return new RegExp(`^${source}$`, 'is');
}

function compare(operator: ComparisonOperator, a: string | number | boolean, b: string | number | boolean): boolean {
  switch (operator) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

const normalized = (literal: Literal): string | number | boolean | null => {
  switch (literal.kind) {
    case 'string': return literal.value.toLowerCase();
    case 'null': return null;
    default: return literal.value;
  }
};

/**
 * Compiles conditions against a resource's fields. `aliases` maps extra names (e.g. `lastUpdated`) to
 * table fields. Field names match case-insensitively, as on the real API. Throws ConditionsError.
 */
export function compileConditions<T>(text: string, fields: FieldTable<T>, aliases: Readonly<Record<string, string>> = {}): Predicate<T> {
  const condition = parseConditions(text);
  if (!condition) return () => true;
  const byLowerName = new Map<string, FieldSpec<T>>();
  for (const [name, spec] of Object.entries(fields)) byLowerName.set(name.toLowerCase(), spec);
  for (const [alias, target] of Object.entries(aliases)) {
    const spec = fields[target];
    if (spec) byLowerName.set(alias.toLowerCase(), spec);
  }
  return compileNode(condition, byLowerName);
}

function compileNode<T>(node: Condition, fields: Map<string, FieldSpec<T>>): Predicate<T> {
  if (node.kind !== 'compare') {
    const left = compileNode(node.left, fields);
    const right = compileNode(node.right, fields);
    return node.kind === 'and' ? (record) => left(record) && right(record) : (record) => left(record) || right(record);
  }
  const spec = fields.get(node.field.toLowerCase());
  if (!spec) throw new ConditionsError(`Unknown field '${node.field}' in conditions at position ${node.position}.`, 'unknownField', node.position, node.field);
  const typeError = (message: string): ConditionsError =>
    new ConditionsError(`Invalid condition on '${node.field}' at position ${node.position}: ${message}`, 'type', node.position, node.field);
  const values = Array.isArray(node.value) ? node.value : [node.value];
  const expected = LITERAL_FOR_TYPE[spec.type];

  const first = values[0];
  if (!Array.isArray(node.value) && first?.kind === 'null') {
    if (node.operator !== '=' && node.operator !== '!=') throw typeError(`null can only be compared with = or !=.`);
    const wantNull = node.operator === '=';
    return (record) => (spec.get(record) === null) === wantNull;
  }
  for (const value of values) {
    if (value.kind !== expected) throw typeError(`${spec.type === 'date' ? 'a date field' : `a ${spec.type} field`} cannot be compared with ${literalLabel(value)}${spec.type === 'date' ? ' (dates go in [brackets])' : ''}.`);
  }
  if ((node.operator === 'contains' || node.operator === 'like') && spec.type !== 'string') {
    throw typeError(`'${node.operator}' needs a string field, and this is a ${spec.type} field.`);
  }
  if (spec.type === 'boolean' && !['=', '!=', 'in'].includes(node.operator)) {
    throw typeError(`a boolean field can only be compared with = or !=.`);
  }

  const get = spec.type === 'string'
    ? (record: T) => { const value = spec.get(record); return typeof value === 'string' ? value.toLowerCase() : value; }
    : spec.get;
  const negate = (test: (value: string | number | boolean) => boolean): Predicate<T> => (record) => {
    const value = get(record);
    if (value === null) return false;
    return node.negated ? !test(value) : test(value);
  };
  switch (node.operator) {
    case 'in': {
      const set = new Set(values.map(normalized));
      return negate((value) => set.has(value));
    }
    case 'contains': {
      const needle = String(normalized(first as Literal));
      return negate((value) => String(value).includes(needle));
    }
    case 'like': {
      const pattern = likePattern((first as { value: string }).value);
      return negate((value) => pattern.test(String(value)));
    }
    default: {
      const operator = node.operator;
      const target = normalized(first as Literal) as string | number | boolean;
      return negate((value) => compare(operator, value, target));
    }
  }
}
