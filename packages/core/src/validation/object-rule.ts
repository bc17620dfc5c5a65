import { AttributeNotUpdatable, InvalidAttribute, UnrecognizedAttribute } from '@ml2ts/driver-api';
import { childPath, invalidValue, type Rule } from './rule';

/** The declaration of an object a request carries: its keys and what each must be. */
export interface ObjectShape<T> {
  /**
   * How messages name the object when it is the request itself (`the port`), and which
   * resource `AttributeNotUpdatable` names (`port`).
   */
  readonly resource: string;
  /** Every accepted key and its rule. A key whose value is `undefined` counts as absent. */
  readonly fields: { readonly [K in keyof T]-?: Rule<T[K]> };
  /** Keys that must be present (and not undefined). */
  readonly required?: readonly (keyof T & string)[];
  /**
   * Keys the resource has but an update cannot set: present, they are refused with
   * `AttributeNotUpdatable` (400) whatever their value.
   */
  readonly notUpdatable?: readonly string[];
  /** Keys only the server sets (`binding:vif_type`): present, they are refused (400). */
  readonly readOnly?: readonly string[];
  /**
   * Checks between fields, on the checked copy (`tenant_id` equal to `project_id`). Throws
   * `InvalidAttribute`; may return a changed copy.
   */
  readonly refine?: (value: T, path: string) => T;
}

/**
 * An object whose keys are exactly those `shape` declares: an unknown key is refused with
 * `UnrecognizedAttribute` naming it and listing the accepted ones, a missing required key with
 * `InvalidAttribute`, and every present key is checked by its rule. Returns a fresh plain object
 * holding the checked values of the present keys only. Any object is accepted as the container
 * (a class instance too); only its own enumerable string keys are read, each exactly once.
 */
export function objectRule<T extends object>(shape: ObjectShape<T>): Rule<T> {
  const accepted = Object.keys(shape.fields);
  const fields = shape.fields as Readonly<Record<string, Rule<unknown>>>;
  const expected = `a JSON object with the ${shape.resource}'s attributes`;
  return {
    expected,
    check(value, path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw invalidValue(path === '' ? shape.resource : path, 'a JSON object', value);
      }
      const given = Object.entries(value).filter(([, entry]) => entry !== undefined);
      const unknown = given
        .map(([key]) => key)
        .filter(
          (key) =>
            !Object.hasOwn(fields, key) &&
            !shape.notUpdatable?.includes(key) &&
            !shape.readOnly?.includes(key),
        );
      if (unknown.length > 0) {
        throw new UnrecognizedAttribute(path, `the ${shape.resource}`, unknown, accepted);
      }
      const result: Record<string, unknown> = {};
      for (const [key, entry] of given) {
        const where = childPath(path, key);
        if (shape.readOnly?.includes(key)) {
          throw new InvalidAttribute(
            where,
            `${where} is set by ml2ts and cannot be given in a request; leave it out`,
          );
        }
        if (shape.notUpdatable?.includes(key)) {
          throw new AttributeNotUpdatable(shape.resource, key);
        }
        result[key] = fields[key].check(entry, where);
      }
      for (const key of shape.required ?? []) {
        if (result[key] === undefined) {
          const where = childPath(path, key);
          throw new InvalidAttribute(where, `${where} is required: give ${fields[key].expected}`);
        }
      }
      const checked = result as T;
      return shape.refine ? shape.refine(checked, path) : checked;
    },
  };
}
