'use client';

import { StreamLanguage, type StringStream } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';

/** What the KQL linter asks the server: Microsoft's Kusto language service runs there. */
export type KqlChecker = (
  query: string,
) => Promise<Array<{ start: number; length: number; severity: 'error' | 'warning' | 'suggestion'; message: string }>>;

const KEYWORDS = new Set(
  'where extend project project-away summarize by order sort asc desc take limit top join on kind inner leftouter union render timechart let and or not in has contains startswith endswith between count dcount sum avg min max arg_max arg_min bin ago now datetime timespan tostring toint tolong todouble tobool parse_json iff case distinct mv-expand make-series range print search'.split(
    ' ',
  ),
);

/** Enough of KQL to read a query at a glance: strings, comments, numbers, keywords, pipes. */
const kqlStream = StreamLanguage.define<null>({
  name: 'kql',
  token(stream: StringStream): string | null {
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    const quote = stream.peek();
    if (quote === '"' || quote === "'") {
      stream.next();
      let escaped = false;
      for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
        if (ch === quote && !escaped) break;
        escaped = !escaped && ch === '\\';
      }
      return 'string';
    }
    if (stream.match(/^\d+(\.\d+)?(d|h|m|s|ms)?\b/)) return 'number';
    if (stream.eat('|')) return 'operator';
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const word = stream.current();
      return KEYWORDS.has(word.toLowerCase()) ? 'keyword' : /^[A-Z]/.test(word) ? 'typeName' : 'variableName';
    }
    stream.next();
    return null;
  },
});

/** KQL highlighting plus syntax errors shown before the query is sent. */
export function kqlLanguage(check: KqlChecker): Extension {
  return [
    kqlStream,
    linter(
      async (view): Promise<Diagnostic[]> => {
        const text = view.state.doc.toString();
        if (!text.trim()) return [];
        const found = await check(text).catch(() => []);
        const end = view.state.doc.length;
        return found.map((d) => ({
          from: Math.min(d.start, end),
          to: Math.min(d.start + Math.max(d.length, 1), end),
          severity: d.severity === 'suggestion' ? 'info' : d.severity,
          message: d.message,
        }));
      },
      { delay: 400 },
    ),
  ];
}
