import { htmlErrorPage } from '../errors/html-error-page';
import { EXTENSIONS, type Extension } from './extension-catalogue';

/** The extension called `alias` (exact, case-sensitive), or undefined. */
export function findExtension(alias: string): Extension | undefined {
  return EXTENSIONS.find((one) => one.alias === alias);
}

/** The answer to `GET /v2.0/extensions/<alias>` for an alias ml2ts does not have. */
export interface ExtensionNotFound {
  /** Always 404. */
  readonly status: 404;
  /** `Extension with alias <alias> does not exist`. */
  readonly message: string;
  /** The HTML page Neutron answers with (serve it as `HTML_ERROR_CONTENT_TYPE`). */
  readonly html: string;
}

/**
 * What to answer for an unknown `alias`: 404 with the message, and the HTML page clients get
 * from Neutron there (some probe extensions this way, and only look at the status).
 */
export function extensionNotFound(alias: string): ExtensionNotFound {
  const message = `Extension with alias ${alias} does not exist`;
  return { status: 404, message, html: htmlErrorPage(404, message) };
}
