// A form generated from a JSON Schema: the subset FunctionsFlow validates (type, properties, required, enum, const,
// minimum/maximum, minLength/maxLength, format, items). It reads back one JSON value and shows errors by the JSON
// paths the host uses ($.order.amount, $.lines[0], $['odd name']). The host stays the judge: the form never blocks
// a submit over a rule it could check itself, so a 400 from the host lands on the field it names.
import { h, readJson } from './dom.js';

/** The host's path of a member: `.name` for plain names, `['odd name']` for the rest. */
function memberPath(parent, name) {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${parent}.${name}` : `${parent}['${name.replace(/['\\]/g, '\\$&')}']`;
}

/** The first type a schema names that is not null, and whether it also allows null. */
function typeOf(schema) {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const main = types.find((type) => type !== 'null');
  return { type: main ?? (types.length ? 'null' : undefined), nullable: types.includes('null') };
}

/** How a field reports a value it cannot read: the message lands on the field. */
class FieldError extends Error {}

/**
 * Builds a form for `schema`. Returns:
 * - `element`, the form's controls (no <form> and no submit button: the caller adds those);
 * - `read()`, `{ value, errors }` where `errors` maps paths to messages for what the page itself could not read
 *   (a value that is not a number, JSON that does not parse);
 * - `showErrors(errors)`, which puts each message under its field and returns the messages no field took;
 * - `clearErrors()`.
 */
export function schemaForm(schema, { label = 'Value' } = {}) {
  const fields = new Map();
  const root = control(schema && typeof schema === 'object' ? schema : {}, '$', { label, required: true, fields });

  const raw = h('textarea', { class: 'json-input', rows: 6, spellcheck: false, 'aria-label': `${label} as JSON`, name: '$json' });
  const rawError = h('small', { class: 'field-error', role: 'alert' });
  const rawBox = h('div', { class: 'schema-raw', hidden: true }, raw, rawError);
  const toggle = h('input', { type: 'checkbox', name: '$asJson' });
  const structured = h('div', { class: 'schema-fields' }, root.element);
  toggle.addEventListener('change', () => {
    if (toggle.checked) {
      const { value } = readFields();
      raw.value = value === undefined ? '' : JSON.stringify(value, null, 2);
    }
    rawBox.hidden = !toggle.checked;
    structured.hidden = toggle.checked;
  });

  const element = h('div', { class: 'schema-form' },
    structured,
    rawBox,
    h('label', { class: 'inline' }, toggle, h('span', { text: 'Edit as JSON' })));

  function readFields() {
    const errors = {};
    const value = root.read(errors);
    return { value: value === undefined && root.required ? {} : value, errors };
  }

  function clearErrors() {
    for (const field of fields.values()) field.setError([]);
    rawError.textContent = '';
  }

  return {
    element,
    read() {
      clearErrors();
      if (!toggle.checked) return readFields();
      const { value, error } = readJson(raw.value);
      return error ? { value: undefined, errors: { $: [`This is not JSON: ${error}`] } } : { value: value ?? null, errors: {} };
    },
    showErrors(errors) {
      const unplaced = [];
      for (const [path, messages] of Object.entries(errors ?? {})) {
        const field = !toggle.checked && closest(fields, path);
        if (field) field.setError([...field.messages, ...messages.map((m) => (field.path === path ? m : `${path}: ${m}`))]);
        else unplaced.push(...messages.map((m) => `${path}: ${m}`));
      }
      if (toggle.checked) rawError.textContent = unplaced.join(' ');
      return toggle.checked ? [] : unplaced;
    },
    clearErrors,
  };
}

/** The field at `path`, or at the nearest path above it that has one (the root at last). */
function closest(fields, path) {
  let at = path;
  while (!fields.has(at)) {
    const up = at.replace(/(\.[A-Za-z_][A-Za-z0-9_]*|\['(?:[^'\\]|\\.)*'\]|\[\d+\])$/, '');
    if (up === at) return fields.get('$');
    at = up;
  }
  return fields.get(at);
}

/** One control for one schema: an object becomes a fieldset of controls, the rest an input. */
function control(schema, path, { label, required, fields }) {
  const { type, nullable } = typeOf(schema);
  const built = type === 'object' || (!type && schema.properties)
    ? objectControl(schema, path, { label, required, fields })
    : valueControl(schema, path, { type, nullable, label, required });
  fields.set(path, built);
  return built;
}

function objectControl(schema, path, { label, required, fields }) {
  const properties = Object.entries(schema.properties ?? {});
  const requiredNames = new Set(Array.isArray(schema.required) ? schema.required : []);
  const children = properties.map(([name, child]) => [name, control(child ?? {}, memberPath(path, name), {
    label: child?.title ?? name,
    required: requiredNames.has(name),
    fields,
  })]);
  const error = h('small', { class: 'field-error', role: 'alert' });
  const body = children.length
    ? children.map(([, child]) => child.element)
    : h('p', { class: 'muted', text: 'No fields are declared: edit it as JSON to send any object.' });

  const element = path === '$'
    ? h('div', { class: 'schema-object', dataset: { path } }, description(schema), body, error)
    : h('fieldset', { class: 'schema-object', dataset: { path } }, h('legend', {}, label, required ? mark() : null), description(schema), body, error);

  return made({ element, path, required, error }, (errors) => {
    const value = {};
    for (const [name, child] of children) {
      const item = child.read(errors);
      if (item !== undefined) value[name] = item;
    }
    return Object.keys(value).length || required ? value : undefined;
  });
}

function valueControl(schema, path, { type, nullable, label, required }) {
  const id = `field-${Math.random().toString(36).slice(2)}`;
  const { input, read } = inputFor(schema, type, nullable, id, path);
  input.setAttribute('aria-describedby', `${id}-error`);
  if (required) input.setAttribute('aria-required', 'true');
  const error = h('small', { class: 'field-error', id: `${id}-error`, role: 'alert' });
  const element = h('div', { class: 'field', dataset: { path } },
    h('label', { class: 'field-label', for: id }, label, required ? mark() : null, h('span', { class: 'type', text: describeType(schema, type, nullable) })),
    input,
    description(schema),
    error);

  return made({ element, path, required, error, input }, (errors) => {
    try {
      return read();
    } catch (problem) {
      if (!(problem instanceof FieldError)) throw problem;
      errors[path] = [problem.message];
      return undefined;
    }
  });
}

/** A control as the form keeps it: its place, how it reads (adding what it cannot read to `errors`), and where
 * the messages about it go. */
function made({ element, path, required, error, input }, read) {
  const control = {
    element,
    path,
    required,
    messages: [],
    read,
    setError(messages) {
      control.messages = messages;
      error.textContent = messages.join(' ');
      element.classList.toggle('has-error', messages.length > 0);
      input?.setAttribute('aria-invalid', messages.length ? 'true' : 'false');
    },
  };
  return control;
}

/** The input for a value schema and how to read it (undefined: left empty, so left out). */
function inputFor(schema, type, nullable, id, path) {
  const name = path;
  if ('const' in schema) {
    const input = h('input', { id, name, value: JSON.stringify(schema.const), readOnly: true });
    return { input, read: () => schema.const };
  }

  if (Array.isArray(schema.enum) || type === 'boolean') {
    const choices = Array.isArray(schema.enum) ? schema.enum : [true, false, ...(nullable ? [null] : [])];
    const input = h('select', { id, name },
      h('option', { value: '', text: '— choose —' }),
      choices.map((choice, i) => h('option', { value: String(i), text: typeof choice === 'string' ? choice : JSON.stringify(choice) })));
    return { input, read: () => (input.value === '' ? undefined : choices[Number(input.value)]) };
  }

  if (type === 'integer' || type === 'number') {
    const input = h('input', {
      id, name, type: 'number', inputMode: type === 'integer' ? 'numeric' : 'decimal',
      step: type === 'integer' ? '1' : 'any', min: schema.minimum, max: schema.maximum,
    });
    return {
      input,
      read() {
        if (input.validity.badInput) throw new FieldError(`must be ${type === 'integer' ? 'an integer' : 'a number'}`);
        if (input.value === '') return undefined;
        const value = Number(input.value);
        if (type === 'integer' && !Number.isInteger(value)) throw new FieldError('must be an integer');
        return value;
      },
    };
  }

  if (type === 'string') {
    const kinds = { 'date-time': 'datetime-local', email: 'email', uri: 'url' };
    const input = h('input', {
      id, name, type: kinds[schema.format] ?? 'text', minLength: schema.minLength, maxLength: schema.maxLength,
      step: schema.format === 'date-time' ? '1' : undefined, autocomplete: 'off',
    });
    return {
      input,
      read() {
        if (input.value === '') return undefined;
        return schema.format === 'date-time' ? new Date(input.value).toISOString() : input.value;
      },
    };
  }

  // Arrays, null and values of any type: typed as JSON.
  const input = h('textarea', { id, name, class: 'json-input', rows: 3, spellcheck: false, placeholder: type === 'array' ? '[ ]' : 'any JSON value' });
  return {
    input,
    read() {
      const { value, error } = readJson(input.value);
      if (error) throw new FieldError(`is not JSON: ${error}`);
      return value;
    },
  };
}

function describeType(schema, type, nullable) {
  if ('const' in schema) return 'constant';
  if (Array.isArray(schema.enum)) return 'one of';
  const parts = [type === 'array' && schema.items?.type ? `array of ${schema.items.type}` : type ?? 'JSON'];
  if (schema.format) parts.push(schema.format);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) parts.push(`${schema.minLength ?? 0}–${schema.maxLength ?? '∞'} chars`);
  if (schema.pattern) parts.push(`matches ${schema.pattern}`);
  if (nullable) parts.push('or null');
  return parts.join(', ');
}

function description(schema) {
  return schema.description ? h('small', { class: 'hint', text: schema.description }) : null;
}

function mark() {
  return h('abbr', { class: 'required', title: 'required', text: '*' });
}
