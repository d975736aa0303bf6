// The worker types the host declares, each with the params its JSON Schema says it takes.
import { el } from './dom.js';

function describe(schema) {
  if (!schema || typeof schema !== 'object') return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.type === 'array') return describe(schema.items) + '[]';
  if (schema.type === 'object' && schema.properties) return '{ ' + Object.keys(schema.properties).join(', ') + ' }';
  return schema.type || 'any';
}

export function renderTypes(container, manifest) {
  container.replaceChildren();
  for (const name of manifest.types || []) {
    const schema = (manifest.params || {})[name] || {};
    const required = new Set(schema.required || []);
    const params = Object.entries(schema.properties || {});
    const list = el('ul', { class: 'params' });
    for (const [param, paramSchema] of params) {
      list.append(el('li', { 'data-param': param },
        el('code', {}, param), required.has(param) ? el('span', { class: 'required', title: 'required' }, '*') : null,
        ': ', el('span', { class: 'param-type' }, describe(paramSchema))));
    }
    container.append(el('details', { class: 'type', 'data-type': name },
      el('summary', {}, name, el('span', { class: 'param-count' }, ` ${params.length} param${params.length === 1 ? '' : 's'}`)),
      params.length ? list : el('p', { class: 'no-params' }, 'takes no params')));
  }
}
