/**
 * SMTP and HTTP errors may quote an e-mail address, a webhook's host name or its IP address, all
 * of which can identify a person; staff see these texts. Keep the code and the words around them.
 */
export function shortError(error: unknown): string {
  const e = error as { responseCode?: number; message?: string };
  const text = (e.message ?? String(error))
    .replace(/<?[^\s<>]+@[^\s<>]+>?/g, '<address>')
    .replace(/\[?[0-9a-f]*:[0-9a-f:]{2,}\]?(?::\d+)?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/gi, '<ip>')
    .replace(/\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\b/gi, '<host>')
    .slice(0, 200);
  return e.responseCode ? `${e.responseCode} ${text}` : text;
}
