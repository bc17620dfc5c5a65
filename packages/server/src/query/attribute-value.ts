/** `project_id` and `tenant_id` stand for each other when an item has only one of them. */
const SAME_AS: Readonly<Record<string, string>> = {
  project_id: 'tenant_id',
  tenant_id: 'project_id',
};

/**
 * The value of attribute `name` on `item` as filters and sorting see it: undefined when absent
 * (`project_id` and `tenant_id` fall back on each other).
 */
export function attributeValue(item: object, name: string): unknown {
  const record = item as Record<string, unknown>;
  const value = record[name];
  if (value !== undefined) return value;
  const other = SAME_AS[name];
  return other === undefined ? undefined : record[other];
}
