/** The `Content-Type` of an HTML error page. */
export const HTML_ERROR_CONTENT_TYPE = 'text/html; charset=UTF-8';

/** The status line and the sentence each page opens with, by HTTP status. */
const PAGES: Readonly<Record<number, { title: string; explanation: string }>> = {
  400: {
    title: 'Bad Request',
    explanation:
      'The server could not comply with the request since\r\nit is either malformed or ' +
      'otherwise incorrect.\r\n',
  },
  404: { title: 'Not Found', explanation: 'The resource could not be found.' },
  413: {
    title: 'Request Entity Too Large',
    explanation: 'The body of your request was too large for this server.',
  },
  500: {
    title: 'Internal Server Error',
    explanation:
      'The server has either erred or is incapable of performing\r\nthe requested operation.\r\n',
  },
};

/**
 * Text made safe for HTML: `& < > " '` as entities, every non-ASCII character as a decimal
 * character reference.
 */
function escapeHtml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"') out += '&quot;';
    else if (char === "'") out += '&#x27;';
    else if (code > 0x7f) out += `&#${code};`;
    else out += char;
  }
  return out;
}

/**
 * The HTML page Neutron answers some errors with (an unknown extension alias, for one), byte
 * for byte: `htmlErrorPage(404, 'Extension with alias x does not exist')`. `detail` is escaped.
 * Statuses other than 400, 404, 413 and 500 are rendered as 500. Serve it with
 * `HTML_ERROR_CONTENT_TYPE`.
 */
export function htmlErrorPage(status: number, detail = ''): string {
  const known = PAGES[status] !== undefined ? status : 500;
  const page = PAGES[known];
  const statusLine = `${known} ${page.title}`;
  const body = `${escapeHtml(page.explanation)}<br /><br />\n${escapeHtml(detail)}\n\n`;
  return (
    '<html>\n <head>\n' +
    `  <title>${statusLine}</title>\n` +
    ' </head>\n <body>\n' +
    `  <h1>${statusLine}</h1>\n` +
    `  ${body}\n` +
    ' </body>\n</html>'
  );
}
