/**
 * Lays out one SQL statement for a reviewer: whitespace outside literals collapsed, each clause
 * (`select`, `from`, `where`, joins, `order by`, …) on its own line, indented by how deeply it
 * sits in parentheses. Only layout: the words are the compiled SQL's, literals are untouched, so
 * any change to a query shows up as a changed line in the committed snapshot.
 */

const CLAUSES = [
  'with',
  'select',
  'insert into',
  'update',
  'delete from',
  'from',
  'inner join',
  'left join',
  'right join',
  'full join',
  'cross join',
  'join',
  'where',
  'group by',
  'having',
  'order by',
  'limit',
  'offset',
  'values',
  'do update set',
  'do nothing',
  'set',
  'on conflict',
  'returning',
  'union all',
  'union',
  'except',
  'intersect',
];

/** Splits SQL into literals ('…', "…", `…`), words, whitespace runs and single characters. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\s+|[A-Za-z_][A-Za-z0-9_$]*|./gsy;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[0]);
  return out;
}

/** The clause starting at token `i` (case-insensitive, words separated by single spaces), or null. */
function clauseAt(toks: string[], i: number): { words: number } | null {
  for (const clause of CLAUSES) {
    const words = clause.split(' ');
    let j = i;
    let ok = true;
    for (let w = 0; w < words.length; w++) {
      if (toks[j]?.toLowerCase() !== words[w]) {
        ok = false;
        break;
      }
      j++;
      if (w < words.length - 1) {
        if (toks[j] !== ' ') {
          ok = false;
          break;
        }
        j++;
      }
    }
    if (ok) return { words: j - i };
  }
  return null;
}

/** The statement laid out, one clause per line. */
export function formatSql(text: string): string {
  const toks = tokens(text).map((t) => (/^\s+$/.test(t) ? ' ' : t));
  let depth = 0;
  let line = '';
  const lines: string[] = [];
  const flush = () => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const previous = i > 0 ? toks[i - 1] : ' ';
    const clause = /^[A-Za-z]/.test(t) && /[\s(]$/.test(previous) ? clauseAt(toks, i) : null;
    if (clause) {
      flush();
      line = '  '.repeat(depth) + toks.slice(i, i + clause.words).join('');
      i += clause.words - 1;
      continue;
    }
    if (t === '(') depth++;
    if (t === ')') depth = Math.max(0, depth - 1);
    if (t === ' ' && (line.endsWith(' ') || line.trim() === '')) continue;
    line += t;
  }
  flush();
  return lines.join('\n');
}
