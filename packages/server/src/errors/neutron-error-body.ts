/** The body of every error answer: `{"NeutronError": {"type", "message", "detail"}}`. */
export interface NeutronErrorBody {
  readonly NeutronError: {
    /** The error's name, e.g. `NetworkNotFound`, `HTTPBadRequest`. */
    readonly type: string;
    /** A sentence for the caller. */
    readonly message: string;
    /** More about the error; ml2ts leaves it empty unless an error carries one. */
    readonly detail: string;
  };
}

/**
 * The error body clients parse: `neutronErrorBody('PortNotFound', 'Port x could not be found.')`
 * is `{"NeutronError": {"type": "PortNotFound", "message": "...", "detail": ""}}`.
 */
export function neutronErrorBody(type: string, message: string, detail = ''): NeutronErrorBody {
  return { NeutronError: { type, message, detail } };
}
