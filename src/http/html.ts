/**
 * Server-rendered HTML as typed functions: `html` is a tagged template that escapes every
 * interpolated value unless it is already `SafeHtml` (the output of another `html` call, or of
 * `raw` for markup we produced and sanitised ourselves). Arrays are joined, null/false/undefined
 * render nothing. This keeps pages free of injection by construction, without a JSX build step.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup (already sanitised, or built by our own code) as safe to embed. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
