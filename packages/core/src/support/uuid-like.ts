const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** True for a full UUID, with or without dashes. */
export function isUuidLike(value: string): boolean {
  return UUID_LIKE.test(value);
}
