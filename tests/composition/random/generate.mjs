// Random Fed 2 subgraph sets for the composition differential test (see run.mjs).
//
//   import { generate } from './generate.mjs';
//   generate(seed) -> { subgraphName: sdl, ... }   (2–6 subgraphs, deterministic in the seed)
//
// The result also carries a non-enumerable `__meta` property: { seed, mistake, features }, where
// `mistake` names the deliberate error injected into a "near-valid" set (about 30% of seeds) and
// is null for sets meant to compose.
//
// How it works: a small world model is built first (entities owned by one subgraph and extended
// by others, value types, interfaces, unions, enums, inputs, root fields), keeping it valid by
// construction: shared fields get @shareable from a final pass that applies Apollo's sharing rule,
// @requires/@provides only select fields the owner resolves, every subgraph that contributes
// fields to an entity has a resolvable key, value types are identical wherever defined. Then, for
// near-valid seeds, exactly one mutation is applied to the model, and each subgraph is rendered to
// SDL (import style, @link version and descriptions are chosen at render time).
//
// Only a seeded PRNG (mulberry32) is used, never Math.random, so a seed always gives the same set.

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    // Scramble the seed so that neighbouring seeds start far apart.
    this.next = mulberry32(Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) ^ 0x2545f491);
    for (let i = 0; i < 4; i++) this.next();
  }
  float() { return this.next(); }
  chance(p) { return this.next() < p; }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick(list) { return list[Math.floor(this.next() * list.length)]; }
  shuffle(list) {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  sample(list, k) { return this.shuffle(list).slice(0, Math.max(0, k)); }
  weighted(pairs) {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of pairs) {
      if ((x -= w) < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const SUBGRAPH_NAMES = ['accounts', 'products', 'reviews', 'inventory', 'shipping', 'search', 'media', 'orders',
  'pricing', 'users', 'catalog', 'payments'];
const ODD_SUBGRAPH_NAMES = ['product-catalog', 'Reviews', 'inventory_v2', 'shipping2', 'userService', 'a', 'legacy-orders'];
const ENTITY_NAMES = ['Product', 'User', 'Review', 'Order', 'Store', 'Book', 'Warehouse', 'Shipment', 'Author',
  'Listing', 'Vendor', 'Invoice'];
const SECONDARY_KEYS = ['sku', 'upc', 'email', 'slug', 'code', 'handle'];
const REGULAR_FIELDS = [['name', 'String!'], ['title', 'String'], ['price', 'Int!'], ['weight', 'Float'],
  ['createdAt', 'String!'], ['tags', '[String!]!'], ['rating', 'Float'], ['stock', 'Int'], ['active', 'Boolean!'],
  ['note', 'String'], ['score', 'Int'], ['summary', 'String'], ['height', 'Float'], ['url', 'String'],
  ['votes', 'Int!'], ['nickname', 'String']];
const COMPUTED_FIELDS = [['shippingEstimate', 'Int'], ['displayName', 'String'], ['inStock', 'Boolean'],
  ['deliveryDays', 'Int'], ['priceLabel', 'String'], ['popularity', 'Float'], ['badge', 'String']];
const VALUE_TYPES = [
  { name: 'Money', fields: [['amount', 'Int!'], ['currency', 'String!']], uses: ['cost', 'total', 'fee'] },
  { name: 'Address', fields: [['street', 'String'], ['city', 'String!'], ['zip', 'String']], uses: ['address', 'location'] },
  { name: 'Dimensions', fields: [['width', 'Float!'], ['length', 'Float!'], ['depth', 'Float']], uses: ['dimensions', 'box'] },
  { name: 'Image', fields: [['src', 'String!'], ['alt', 'String']], uses: ['image', 'cover'] },
  { name: 'PageInfo', fields: [['hasNext', 'Boolean!'], ['cursor', 'String']], uses: ['pageInfo', 'paging'] },
];
const ENUMS = [
  { name: 'Status', values: ['ACTIVE', 'INACTIVE', 'PENDING', 'ARCHIVED'] },
  { name: 'SortOrder', values: ['ASC', 'DESC'] },
  { name: 'Category', values: ['BOOKS', 'MUSIC', 'TOYS', 'GAMES', 'FOOD'] },
  { name: 'Currency', values: ['USD', 'EUR', 'GBP', 'JPY'] },
  { name: 'Color', values: ['RED', 'GREEN', 'BLUE'] },
];
const INPUTS = [
  { name: 'PageInput', fields: [['first', 'Int', '10'], ['after', 'String', undefined], ['last', 'Int', undefined]] },
  { name: 'RangeInput', fields: [['min', 'Int', '0'], ['max', 'Int', undefined], ['inclusive', 'Boolean', 'true']] },
  { name: 'SearchInput', fields: [['term', 'String!', undefined], ['limit', 'Int', '20'], ['exact', 'Boolean', 'false']] },
  { name: 'LocationInput', fields: [['lat', 'Float!', undefined], ['lng', 'Float!', undefined], ['radius', 'Float', '2.5']] },
];
const SHARED_ARGS = [['size', 'Int', '64'], ['format', 'String', '"png"'], ['locale', 'String', undefined],
  ['limit', 'Int', '10'], ['includeArchived', 'Boolean', 'false'], ['scale', 'Float', '1.5'], ['ids', '[ID!]', undefined]];
const ENTITY_INTERFACES = [
  { name: 'Media', impls: [['Movie', 'duration'], ['Song', 'bpm']], common: 'title', io: ['reviewCount', 'trending'] },
  { name: 'Vehicle', impls: [['Car', 'doors'], ['Truck', 'payload']], common: 'model', io: ['mileage', 'insured'] },
  { name: 'Payment', impls: [['CardPayment', 'last4'], ['BankPayment', 'iban']], common: 'reference', io: ['refunded', 'fraudScore'] },
];
const UNIONS = [['SearchResult', 'search', 'recent'], ['FeedItem', 'feed', 'timeline'], ['Attachment', 'attachments', 'uploads']];
const TAGS = ['public', 'internal', 'team-a', 'beta', 'partner'];
const LABELS = ['percent(25)', 'percent(50)', 'percent(0.5)', 'percent(100)', 'percent(99.99)', 'beta-rollout',
  'team/products:v2', 'flag.new_pricing'];
const BAD_LABELS = ['percent(150)', '1-rollout', 'percent(-5)', 'flag with space', 'percent(33.123456789)'];
const DESC_TEMPLATES = [
  (c) => `The ${c}.`,
  (c) => `${c} — as seen by clients`,
  (c) => `Resolved "${c}" value`,
  (c) => `Describes ${c}.\nSecond line, with more details.`,
  (c) => `Prix de ${c} (naïve, 10 €)`,
  (c) => `Path C:\\data\\${c}`,
  (c) => `${c}:\n  - indented item\n  - another item`,
];

// Federation directives: registration order and the version that introduced them.
const FED_ORDER = ['key', 'requires', 'provides', 'external', 'tag', 'extends', 'shareable', 'inaccessible',
  'override', 'composeDirective', 'interfaceObject', 'authenticated', 'requiresScopes', 'policy', 'context',
  'fromContext', 'cost', 'listSize', 'cacheTag'];
const MIN_VERSION = { key: 0, requires: 0, provides: 0, external: 0, tag: 0, extends: 0, shareable: 0, inaccessible: 0,
  override: 0, composeDirective: 1, interfaceObject: 3, authenticated: 5, requiresScopes: 5, policy: 6, context: 8,
  fromContext: 8, cost: 9, listSize: 9, cacheTag: 12 };
const ALIASES = { key: 'primaryKey', shareable: 'sharable', external: 'remote', requires: 'needs', provides: 'gives',
  tag: 'mark', inaccessible: 'hidden', override: 'movedFrom' };
const MAX_VERSION = 14;
const MERGED_SPECS = new Set(['tag', 'inaccessible', 'authenticated', 'requiresScopes', 'policy', 'cost', 'listSize', 'cacheTag']);

// ---------------------------------------------------------------------------------------------
// Model

function mkType(kind, name, extra = {}) {
  return { kind, name, desc: null, keys: [], extend: null, interfaceObject: false, shareable: false,
    inaccessible: false, tags: [], extraDirs: [], implements: [], members: [], values: [], fields: [], ...extra };
}
function mkField(name, type, extra = {}) {
  return { name, type, args: [], desc: null, external: false, shareable: false, requires: null, provides: null,
    override: null, inaccessible: false, tags: [], extraDirs: [], deprecated: false, def: undefined, ...extra };
}
function mkArg(name, type, def, extra = {}) {
  return { name, type, def, desc: null, inaccessible: false, tags: [], ...extra };
}
const lc = (s) => s[0].toLowerCase() + s.slice(1);
const baseType = (t) => t.replace(/[[\]!]/g, '');
const isNullable = (t) => !t.endsWith('!');
const fieldOf = (t, name) => t.fields.find((f) => f.name === name);

class Sub {
  constructor(name) {
    this.name = name;
    this.types = new Map();
    this.minVersion = 0;
    this.naming = new Map(); // spec directive name -> { mode: 'import'|'prefix'|'alias', name }
    this.used = new Set();
  }
  add(t) { this.types.set(t.name, t); return t; }
  query() { return this.types.get('Query') ?? this.add(mkType('object', 'Query')); }
  mutation() { return this.types.get('Mutation') ?? this.add(mkType('object', 'Mutation')); }
  need(v) { this.minVersion = Math.max(this.minVersion, v); }
}

// Parses a field set ("id region { code }") into [{name, sub}].
function parseSelection(text) {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_]*|[{}]/g) ?? [];
  let i = 0;
  const level = () => {
    const out = [];
    while (i < tokens.length && tokens[i] !== '}') {
      const node = { name: tokens[i++], sub: null };
      if (tokens[i] === '{') { i++; node.sub = level(); i++; }
      out.push(node);
    }
    return out;
  };
  return level();
}

function markSelection(sub, type, nodes, into) {
  for (const node of nodes) {
    into.add(`${type.name}.${node.name}`);
    if (!node.sub) continue;
    const f = fieldOf(type, node.name);
    const target = f && sub.types.get(baseType(f.type));
    if (target) markSelection(sub, target, node.sub, into);
  }
}

function keySelected(sub) {
  const out = new Set();
  for (const t of sub.types.values()) for (const k of t.keys) markSelection(sub, t, parseSelection(k.sel), out);
  return out;
}

function provided(sub) {
  const out = new Set();
  for (const t of sub.types.values()) {
    for (const f of t.fields) {
      if (!f.provides) continue;
      const target = sub.types.get(baseType(f.type));
      if (target) markSelection(sub, target, parseSelection(f.provides), out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// World building

function uniqueName(W, pool) {
  const free = pool.filter((n) => !W.typeNames.has(n));
  if (!free.length) return null;
  const name = W.r.pick(free);
  W.typeNames.add(name);
  return name;
}

function uniqueQueryField(W, sub, base) {
  const taken = (name) => W.subs.some((s) => s.types.get('Query') && fieldOf(s.types.get('Query'), name));
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

function keyFieldsOf(E, sel) {
  const names = new Set(parseSelection(sel).map((n) => n.name));
  return E.keyFields.filter(([n]) => names.has(n));
}

function ensureRegion(W, sub, E) {
  if (!sub.types.has(E.region)) sub.add(mkType('object', E.region, { fields: [mkField('code', 'String!')] }));
}

function addEntityType(W, sub, E, keys, resolvable) {
  const t = sub.add(mkType('object', E.name, { entity: E }));
  t.keys = keys.map((sel) => ({ sel, resolvable }));
  for (const [n, ty] of E.keyFields) {
    if (keys.some((k) => keyFieldsOf(E, k).some(([m]) => m === n))) t.fields.push(mkField(n, ty));
  }
  if (E.region && t.fields.some((f) => f.name === 'region')) ensureRegion(W, sub, E);
  return t;
}

// Makes sure `sub` knows entity E (adding a key-only stub if needed) and returns its type there.
function ensureEntity(W, sub, E, resolvable = W.r.chance(0.5) ? false : true) {
  if (sub.types.has(E.name)) return sub.types.get(E.name);
  const t = addEntityType(W, sub, E, [W.r.pick(E.keys)], resolvable);
  E.refs.push(sub);
  return t;
}

// The entity's types that resolve fields through a resolvable key (owner and contributors).
const definers = (E) => [E.owner, ...E.contributors];

function addEntity(W, first) {
  const { r } = W;
  const name = uniqueName(W, ENTITY_NAMES);
  if (!name) return null;
  const style = r.weighted([['single', 5], ['compound', 2], ['multi', 2], ['nested', 1]]);
  const sec = r.pick(SECONDARY_KEYS);
  const E = { name, style, keys: [], keyFields: [['id', 'ID!']], fields: new Map(), refs: [], contributors: [] };
  if (style === 'single') E.keys = ['id'];
  if (style === 'compound') { E.keys = [`id ${sec}`]; E.keyFields.push([sec, 'String!']); }
  if (style === 'multi') { E.keys = ['id', sec]; E.keyFields.push([sec, 'String!']); }
  if (style === 'nested') {
    E.region = W.typeNames.has('Region') ? `${name}Region` : 'Region';
    W.typeNames.add(E.region);
    E.keys = ['id region { code }'];
    E.keyFields.push(['region', `${E.region}!`]);
  }
  for (const [n] of E.keyFields) E.fields.set(n, { key: true });
  const order = r.shuffle(W.subs);
  E.owner = order[0];
  const nContrib = Math.min(order.length - 1, r.weighted([[0, 2], [1, 5], [2, 3], [3, 1]]));
  E.contributors = order.slice(1, 1 + nContrib);

  const ot = addEntityType(W, E.owner, E, E.keys, r.chance(0.06) ? 'explicit' : true);
  for (const [n, ty] of r.sample(REGULAR_FIELDS, r.int(2, W.dense ? 3 : 4))) {
    ot.fields.push(mkField(n, ty));
    E.fields.set(n, { type: ty, owner: E.owner });
  }
  const q = E.owner.query();
  if (first || r.chance(0.75)) {
    const args = style === 'nested' || r.chance(0.8) ? [mkArg('id', 'ID!')] : keyFieldsOf(E, E.keys[0]).map(([n, ty]) => mkArg(n, ty));
    q.fields.push(mkField(uniqueQueryField(W, E.owner, lc(name)), name, { args }));
  }
  if (r.chance(0.45)) {
    const args = [];
    if (r.chance(0.7)) args.push(mkArg('first', 'Int', r.pick(['10', '20', undefined])));
    if (r.chance(0.4)) args.push(mkArg('after', 'String'));
    q.fields.push(mkField(uniqueQueryField(W, E.owner, `${lc(name)}s`), r.pick([`[${name}!]!`, `[${name}]`]), { args }));
  }

  for (const C of E.contributors) {
    const keys = style === 'multi' ? r.sample(E.keys, r.int(1, 2)) : E.keys;
    const ct = addEntityType(W, C, E, keys, true);
    if (r.chance(0.1)) ct.shareable = true;
    const ext = r.weighted([[null, 14], ['extend', 2], ['extends', 1]]);
    if (ext) {
      ct.extend = ext;
      if (r.chance(0.5)) for (const f of ct.fields) if (f.name !== 'region') f.external = true; // "fake" externals
    }
    let n = r.int(1, 2);
    for (const [fname, ty] of r.shuffle([...REGULAR_FIELDS, ...COMPUTED_FIELDS])) {
      if (n === 0) break;
      if (E.fields.has(fname)) continue;
      n--;
      ct.fields.push(mkField(fname, ty));
      E.fields.set(fname, { type: ty, owner: C });
    }
  }
  W.entities.push(E);
  W.features.add(`key:${style}`);
  return E;
}

// Owner fields that another subgraph can reference (@requires/@provides/@override/sharing).
function freeOwnerFields(E, sub, scalarOnly = true) {
  const ot = E.owner.types.get(E.name);
  const st = sub.types.get(E.name);
  return [...E.fields.entries()].filter(([n, info]) => !info.key && info.owner === E.owner && !info.reserved
    && fieldOf(ot, n) && !(st && fieldOf(st, n)) && (!scalarOnly || /^(\[?)(String|Int|Float|Boolean|ID)/.test(info.type)));
}

function addRequires(W, E) {
  const { r } = W;
  if (!E.contributors.length) return;
  const C = r.pick(E.contributors);
  const ct = C.types.get(E.name);
  const cands = freeOwnerFields(E, C);
  if (!cands.length) return;
  const picked = r.sample(cands, cands.length > 1 && r.chance(0.25) ? 2 : 1);
  const externals = [];
  for (const [n, info] of picked) {
    const f = mkField(n, info.type, { external: true });
    ct.fields.push(f);
    externals.push(f);
    info.reserved = 'requires';
  }
  const free = COMPUTED_FIELDS.filter(([n]) => !E.fields.has(n));
  if (!free.length) return;
  const [cname, cty] = r.pick(free);
  const sel = picked.map(([n]) => n).join(' ');
  const field = mkField(cname, cty, { requires: sel });
  ct.fields.push(field);
  E.fields.set(cname, { type: cty, owner: C, reserved: 'requires' });
  W.sites.requires.push({ sub: C, type: ct, field, externals, E });
  W.features.add('requires');
}

function attachProvides(W, sub, field, E) {
  const { r } = W;
  const st = ensureEntity(W, sub, E);
  const cands = freeOwnerFields(E, sub);
  if (!cands.length) return false;
  const picked = r.sample(cands, cands.length > 1 && r.chance(0.2) ? 2 : 1);
  const externals = [];
  for (const [n, info] of picked) {
    const f = mkField(n, info.type, { external: true });
    st.fields.push(f);
    externals.push(f);
    info.reserved = 'provides';
  }
  field.provides = picked.map(([n]) => n).join(' ');
  W.sites.provides.push({ sub, type: st, field, externals, E });
  W.features.add('provides');
  return true;
}

function addProvides(W, E) {
  const { r } = W;
  const others = W.subs.filter((s) => s !== E.owner);
  if (!others.length) return;
  const P = r.pick(others);
  ensureEntity(W, P, E);
  const field = mkField(uniqueQueryField(W, P, `top${E.name}s`), r.pick([`[${E.name}!]!`, E.name]));
  if (attachProvides(W, P, field, E)) P.query().fields.push(field);
}

function addOverride(W, E) {
  const { r } = W;
  if (!E.contributors.length) return;
  const C = r.pick(E.contributors);
  const ct = C.types.get(E.name);
  const label = r.chance(0.35) ? r.pick(LABELS) : null;
  if (label) C.need(7);
  if (r.chance(0.15)) {
    // A brand-new field "moved" from a subgraph that does not exist (hint only).
    const free = REGULAR_FIELDS.filter(([n]) => !E.fields.has(n));
    if (!free.length) return;
    const [n, ty] = r.pick(free);
    const f = mkField(n, ty, { override: { from: r.pick(['legacy', 'monolith', `${E.owner.name}s`]), label } });
    ct.fields.push(f);
    E.fields.set(n, { type: ty, owner: C, reserved: 'override' });
    W.sites.override.push({ sub: C, type: ct, field: f, E });
    W.features.add('override:unknown-from');
    return;
  }
  const cands = freeOwnerFields(E, C, false).filter(([, info]) => !info.shared);
  if (!cands.length) return;
  const [n, info] = r.pick(cands);
  const f = mkField(n, info.type, { override: { from: E.owner.name, label } });
  ct.fields.push(f);
  info.reserved = 'override';
  if (r.chance(0.3)) {
    const ot = E.owner.types.get(E.name);
    ot.fields = ot.fields.filter((x) => x.name !== n);
    info.owner = C;
    W.features.add('override:removed');
  }
  W.sites.override.push({ sub: C, type: ct, field: f, E });
  W.features.add(label ? 'override:label' : 'override');
}

function sharedArgs(W, fields) {
  const { r } = W;
  const specs = r.sample(SHARED_ARGS, r.int(1, 2));
  for (const [name, type, def] of specs) {
    const variation = r.weighted([['same', 10], ['omit', 2], ['nodefault', 1], ['nonnull', 1]]);
    const victim = r.int(0, fields.length - 1);
    fields.forEach((f, i) => {
      if (i === victim && variation === 'omit') return;
      let t = type;
      let d = def;
      if (i === victim && variation === 'nodefault') d = undefined;
      if (i === victim && variation === 'nonnull' && def !== undefined) t = `${type}!`;
      f.args.push(mkArg(name, t, d));
    });
  }
  W.sites.sharedArgs.push({ fields });
  W.features.add('shared-args');
}

function addSharedField(W, E) {
  const { r } = W;
  if (!E.contributors.length) return;
  const C = r.pick(E.contributors);
  const ct = C.types.get(E.name);
  const cands = freeOwnerFields(E, C);
  if (!cands.length) return;
  const [n, info] = r.pick(cands);
  const ot = E.owner.types.get(E.name);
  let type = info.type;
  // Output types may differ in nullability (merged with a hint).
  if (r.chance(0.15)) type = type.endsWith('!') ? type.slice(0, -1) : `${type}!`;
  const f = mkField(n, type);
  ct.fields.push(f);
  info.reserved = 'shared';
  info.shared = true;
  if (r.chance(0.35)) sharedArgs(W, [fieldOf(ot, n), f]);
  W.features.add('shared-field');
}

// A subgraph that returns the entity without declaring a key: it can only jump to the owner
// (its fields are all shared with the owner), which Apollo accepts with an INCONSISTENT_ENTITY hint.
function addKeylessView(W, E) {
  const { r } = W;
  if (!E.keys.includes('id')) return;
  const S = r.pick(W.subs.filter((s) => !s.types.has(E.name)));
  if (!S) return;
  const cands = freeOwnerFields(E, S).filter(([, info]) => !info.reserved);
  const t = S.add(mkType('object', E.name, { fields: [mkField('id', 'ID!')] }));
  for (const [n, info] of r.sample(cands, r.int(0, 2))) {
    t.fields.push(mkField(n, info.type));
    info.reserved = 'shared';
    info.shared = true;
  }
  S.query().fields.push(mkField(uniqueQueryField(W, S, `${lc(E.name)}Preview`), E.name));
  E.views = [...(E.views ?? []), S];
  W.features.add('keyless-view');
}

function addRelation(W, E1, E2) {
  const { r } = W;
  const S = r.pick(definers(E1));
  const t1 = S.types.get(E1.name);
  const list = r.chance(0.4);
  const fname = list ? `${lc(E2.name)}s` : (E1 === E2 ? 'parent' : lc(E2.name));
  if (E1.fields.has(fname)) return;
  ensureEntity(W, S, E2);
  const f = mkField(fname, list ? r.pick([`[${E2.name}!]!`, `[${E2.name}]`]) : E2.name);
  t1.fields.push(f);
  E1.fields.set(fname, { type: f.type, owner: S, reserved: 'relation' });
  if (S !== E2.owner && r.chance(0.3)) attachProvides(W, S, f, E2);
  W.features.add('relation');
}

// A place in `sub` where a new output field can live and be reached: an entity type with a
// resolvable key, or Query.
function outputHolder(W, sub) {
  const { r } = W;
  const ents = [...sub.types.values()].filter((t) => t.entity && t.keys.some((k) => k.resolvable !== false)
    && !t.interfaceObject);
  if (ents.length && r.chance(0.75)) return r.pick(ents);
  return sub.query();
}

function addOutputField(W, holder, name, type) {
  if (fieldOf(holder, name)) return null;
  if (holder.entity) {
    const E = holder.entity;
    if (E.fields.has(name)) return null;
    E.fields.set(name, { type, owner: null, reserved: 'value' });
  } else if (holder.name === 'Query' && W.subs.some((s) => s.types.get('Query') && fieldOf(s.types.get('Query'), name))) {
    return null;
  }
  const f = mkField(name, type);
  holder.fields.push(f);
  return f;
}

function addValueType(W) {
  const { r } = W;
  const spec = r.pick(VALUE_TYPES.filter((v) => !W.typeNames.has(v.name)));
  if (!spec) return;
  W.typeNames.add(spec.name);
  const subs = r.sample(W.subs, Math.min(W.subs.length, r.weighted([[1, 1], [2, 4], [3, 2]])));
  const placed = [];
  for (const S of subs) {
    const holder = outputHolder(W, S);
    let f = null;
    for (const use of r.shuffle(spec.uses)) if ((f = addOutputField(W, holder, use, r.pick([spec.name, `${spec.name}!`])))) break;
    if (!f) continue;
    const t = S.add(mkType('object', spec.name, { valueType: true, shareStyle: r.chance(0.5) ? 'type' : 'field' }));
    for (const [n, ty] of spec.fields) {
      t.fields.push(mkField(n, r.chance(0.08) && ty.endsWith('!') ? ty.slice(0, -1) : ty));
    }
    placed.push({ sub: S, type: t, holder, field: f });
  }
  W.sites.valueTypes.push({ name: spec.name, placed });
  W.features.add(placed.length > 1 ? 'value-type:shared' : 'value-type');
}

function addNodeInterface(W) {
  const { r } = W;
  if (W.typeNames.has('Node')) return;
  const cands = W.subs.filter((s) => [...s.types.values()].some((t) => t.entity && !t.interfaceObject));
  if (!cands.length) return;
  W.typeNames.add('Node');
  const placed = [];
  for (const S of r.sample(cands, r.chance(0.3) ? 2 : 1)) {
    const it = S.add(mkType('interface', 'Node', { fields: [mkField('id', 'ID!')] }));
    const impls = [...S.types.values()].filter((t) => t.entity && !t.interfaceObject && fieldOf(t, 'id'));
    const chosen = r.sample(impls, r.int(1, impls.length));
    for (const t of chosen) t.implements.push('Node');
    // Sharing the root field needs a common runtime type (SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES).
    const sameRoot = placed.length && r.chance(0.35) && chosen.some((t) => placed[0].impls.some((u) => u.name === t.name));
    const field = mkField(sameRoot ? 'node' : uniqueQueryField(W, S, placed.length ? 'lookup' : 'node'), 'Node', { args: [mkArg('id', 'ID!')] });
    if (sameRoot) W.features.add('interface:shared-root');
    S.query().fields.push(field);
    placed.push({ sub: S, iface: it, impls: chosen });
  }
  W.sites.nodes.push(...placed);
  W.features.add(placed.length > 1 ? 'interface:shared' : 'interface');
}

function addEntityInterface(W) {
  const { r } = W;
  if (W.subs.length < 2) return;
  const spec = r.pick(ENTITY_INTERFACES.filter((s) => !W.typeNames.has(s.name) && s.impls.every(([n]) => !W.typeNames.has(n))));
  if (!spec) return;
  W.typeNames.add(spec.name);
  for (const [n] of spec.impls) W.typeNames.add(n);
  const [A, B] = r.sample(W.subs, 2);
  A.need(3);
  B.need(3);
  const it = A.add(mkType('interface', spec.name, { keys: [{ sel: 'id', resolvable: true }] }));
  it.fields.push(mkField('id', 'ID!'), mkField(spec.common, 'String'));
  const impls = [];
  for (const [n, extra] of spec.impls) {
    const t = A.add(mkType('object', n, { keys: [{ sel: 'id', resolvable: true }], implements: [spec.name] }));
    t.fields.push(mkField('id', 'ID!'), mkField(spec.common, 'String'), mkField(extra, r.pick(['Int', 'String'])));
    impls.push(t);
  }
  A.query().fields.push(mkField(uniqueQueryField(W, A, `${lc(spec.name)}s`), `[${spec.name}!]!`));
  const io = B.add(mkType('object', spec.name, { keys: [{ sel: 'id', resolvable: true }], interfaceObject: true }));
  io.fields.push(mkField('id', 'ID!'), mkField(r.pick(spec.io), r.pick(['Int', 'Boolean'])));
  if (r.chance(0.5)) B.query().fields.push(mkField(uniqueQueryField(W, B, `featured${spec.name}`), spec.name));
  W.sites.entityIfaces.push({ A, B, iface: it, impls, io });
  W.features.add('interfaceObject');
}

function addUnion(W) {
  const { r } = W;
  if (W.entities.length < 2) return;
  const spec = r.pick(UNIONS.filter(([n]) => !W.typeNames.has(n)));
  if (!spec) return;
  const [name, f1, f2] = spec;
  W.typeNames.add(name);
  const placed = [];
  for (const S of r.sample(W.subs, r.chance(0.4) ? 2 : 1)) {
    const members = r.sample(W.entities, r.int(2, Math.min(3, W.entities.length)));
    for (const E of members) ensureEntity(W, S, E);
    S.add(mkType('union', name, { members: members.map((E) => E.name) }));
    const args = placed.length ? [] : [mkArg('term', 'String!')];
    S.query().fields.push(mkField(uniqueQueryField(W, S, placed.length ? f2 : f1), `[${name}!]!`, { args }));
    placed.push({ sub: S, members });
  }
  W.sites.unions.push({ name, placed });
  W.features.add(placed.length > 1 ? 'union:shared' : 'union');
}

// An existing Query field of `sub` that only this subgraph defines and that can take one more
// optional argument; otherwise a new Query field.
function argHolder(W, sub, label) {
  const { r } = W;
  const q = sub.query();
  const own = q.fields.filter((f) => !f.provides && !W.subs.some((s) => s !== sub && s.types.get('Query')
    && fieldOf(s.types.get('Query'), f.name)) && f.args.length < 3);
  if (own.length && r.chance(0.6)) return r.pick(own);
  const f = mkField(uniqueQueryField(W, sub, `${label}Count`), r.pick(['Int', 'Int!']));
  q.fields.push(f);
  return f;
}

function addEnum(W) {
  const { r } = W;
  const spec = r.pick(ENUMS.filter((e) => !W.typeNames.has(e.name)));
  if (!spec) return;
  W.typeNames.add(spec.name);
  const mode = r.weighted([['output', 4], ['input', 3], ['both', 3], ['unused', 1]]);
  const subs = r.sample(W.subs, Math.min(W.subs.length, r.weighted([[1, 3], [2, 4], [3, 2]])));
  const placed = [];
  subs.forEach((S, i) => {
    let values = [...spec.values];
    if (mode === 'output' && r.chance(0.35)) { const drop = r.pick(spec.values); values = values.filter((v) => v !== drop); }
    if (mode === 'output' && r.chance(0.2)) values.push('UNKNOWN');
    if (mode === 'input' && i > 0 && r.chance(0.35)) { const drop = r.pick(spec.values.slice(1)); values = values.filter((v) => v !== drop); }
    const t = S.add(mkType('enum', spec.name, { values: values.map((name) => ({ name, desc: null, inaccessible: false, tags: [], deprecated: null })) }));
    let use = mode;
    if (mode === 'both') use = subs.length === 1 ? 'both' : (i === 0 ? 'output' : i === 1 ? 'input' : r.pick(['output', 'input', 'both']));
    if (use === 'output' || use === 'both') {
      const holder = outputHolder(W, S);
      const name = lc(spec.name);
      if (!addOutputField(W, holder, name, r.pick([spec.name, `${spec.name}!`, `[${spec.name}!]`]))) {
        addOutputField(W, S.query(), uniqueQueryField(W, S, `default${spec.name}`), spec.name);
      }
    }
    if (use === 'input' || use === 'both') {
      const holder = argHolder(W, S, lc(spec.name));
      const def = r.chance(0.4) ? values[0] : undefined;
      holder.args.push(mkArg(lc(spec.name), def === undefined && r.chance(0.3) ? `${spec.name}!` : spec.name, def, { defEnum: spec.name }));
    }
    placed.push({ sub: S, type: t, use });
  });
  W.sites.enums.push({ name: spec.name, mode, placed });
  W.features.add(`enum:${mode}${placed.length > 1 ? ':shared' : ''}`);
}

function addInput(W) {
  const { r } = W;
  const spec = r.pick(INPUTS.filter((e) => !W.typeNames.has(e.name)));
  if (!spec) return;
  W.typeNames.add(spec.name);
  const subs = r.sample(W.subs, Math.min(W.subs.length, r.weighted([[1, 2], [2, 4], [3, 2]])));
  const placed = [];
  const variants = spec.fields.map(([n, ty, def], j) => {
    const kind = j === 0 ? r.weighted([['same', 6], ['nodefault', 1], ['nonnull', 1]])
      : r.weighted([['same', 6], ['omit', 2], ['nodefault', 1], ['nonnull', 1]]);
    return { n, ty, def, kind: isNullable(ty) || kind !== 'omit' ? kind : 'same', victim: r.int(0, subs.length - 1) };
  });
  subs.forEach((S, i) => {
    const t = S.add(mkType('input', spec.name));
    for (const v of variants) {
      if (v.kind === 'omit' && v.victim === i) continue;
      let ty = v.ty;
      let def = v.def;
      if (v.kind === 'nodefault' && v.victim === i) def = undefined;
      if (v.kind === 'nonnull' && v.victim === i && isNullable(ty) && def !== undefined) ty = `${ty}!`;
      t.fields.push(mkField(v.n, ty, { def }));
    }
    const mutation = r.chance(0.35);
    const holder = mutation ? null : argHolder(W, S, lc(spec.name).replace(/Input$/, ''));
    if (mutation) {
      const m = S.mutation();
      const f = mkField(`${r.pick(['apply', 'run', 'save'])}${spec.name.replace(/Input$/, '')}${W.counter++}`, r.pick(['Boolean', 'Int!', 'String']));
      f.args.push(mkArg('input', `${spec.name}!`));
      m.fields.push(f);
    } else {
      holder.args.push(mkArg(lc(spec.name).replace(/Input$/, ''), spec.name));
    }
    placed.push({ sub: S, type: t });
  });
  W.sites.inputs.push({ name: spec.name, placed });
  W.features.add(placed.length > 1 ? 'input:shared' : 'input');
}

function addSharedQueryField(W) {
  const { r } = W;
  const cands = W.entities.filter((E) => definers(E).length > 1);
  if (!cands.length) return;
  const E = r.pick(cands);
  const name = uniqueQueryField(W, null, `featured${E.name}`);
  const subs = r.sample(definers(E), r.int(2, definers(E).length));
  const fields = subs.map((S) => {
    const f = mkField(name, E.name);
    S.query().fields.push(f);
    return f;
  });
  if (r.chance(0.5)) sharedArgs(W, fields);
  W.features.add('shared-root-field');
}

function addMutations(W) {
  const { r } = W;
  for (const E of r.sample(W.entities, r.int(1, W.entities.length))) {
    const S = r.pick(definers(E));
    const m = S.mutation();
    const f = mkField(`${r.pick(['update', 'create', 'delete'])}${E.name}`, r.pick([E.name, `${E.name}!`, 'Boolean']));
    if (fieldOf(m, f.name)) continue;
    f.args.push(mkArg('id', 'ID!'));
    if (r.chance(0.5)) f.args.push(mkArg('dryRun', 'Boolean', r.pick(['false', undefined])));
    m.fields.push(f);
  }
  W.features.add('mutation');
}

// Optional later-version directives on root fields (no transitive-auth pitfalls there).
function addExtras(W) {
  const { r } = W;
  const S = r.pick(W.subs);
  const q = S.types.get('Query');
  if (!q || !q.fields.length) return;
  const f = r.pick(q.fields);
  const kind = r.pick(['authenticated', 'requiresScopes', 'policy', 'cost', 'listSize']);
  if (kind === 'listSize' && !f.type.startsWith('[')) return;
  if (f.extraDirs.some((d) => d.spec === kind)) return;
  const args = { authenticated: null, requiresScopes: 'scopes: [["read:all"], ["admin"]]', policy: 'policies: [["p_read"]]',
    cost: `weight: ${r.int(1, 20)}`, listSize: `assumedSize: ${r.int(5, 50)}` }[kind];
  f.extraDirs.push({ spec: kind, args });
  S.need(MIN_VERSION[kind]);
  W.features.add(kind);
}

function addInaccessible(W) {
  const { r } = W;
  const kind = r.pick(['field', 'arg', 'enumValue']);
  if (kind === 'field') {
    const cands = [];
    for (const E of W.entities) {
      for (const S of definers(E)) {
        const t = S.types.get(E.name);
        for (const f of t.fields) if (!E.fields.get(f.name)?.key && !f.external && !f.override) cands.push([S, f]);
      }
    }
    if (!cands.length) return;
    r.pick(cands)[1].inaccessible = true;
  } else if (kind === 'arg') {
    const cands = [];
    for (const S of W.subs) for (const t of S.types.values()) for (const f of t.fields) {
      for (const a of f.args) if (isNullable(a.type)) cands.push(a);
    }
    if (!cands.length) return;
    r.pick(cands).inaccessible = true;
  } else {
    const cands = [];
    for (const S of W.subs) {
      const defaults = new Set();
      for (const t of S.types.values()) for (const f of t.fields) for (const a of [...f.args, f]) if (a.defEnum) defaults.add(a.def);
      for (const t of S.types.values()) if (t.kind === 'enum' && t.values.length > 1) {
        for (const v of t.values.slice(1)) if (!defaults.has(v.name)) cands.push(v);
      }
    }
    if (!cands.length) return;
    r.pick(cands).inaccessible = true;
  }
  W.features.add(`inaccessible:${kind}`);
}

function addDeprecated(W) {
  const { r } = W;
  const shared = W.sites.sharedArgs.map((s) => s.fields).filter((fs) => fs.length > 1);
  if (shared.length && r.chance(0.4)) {
    for (const f of r.pick(shared)) f.deprecated = r.pick(['', 'No longer supported', 'Use `summary` instead.']);
    W.features.add('deprecated:shared');
    return;
  }
  const cands = [];
  for (const E of W.entities) for (const S of definers(E)) {
    for (const f of S.types.get(E.name).fields) if (!E.fields.get(f.name)?.key && !f.external) cands.push(f);
  }
  if (!cands.length) return;
  r.pick(cands).deprecated = r.pick(['', 'No longer supported', 'Use `summary` instead.']);
  W.features.add('deprecated');
}

// Apollo's sharing rule: a field resolved from several subgraphs must be shareable in each of
// them (key fields and provided externals are implicitly). Adds @shareable where needed.
function sharingPass(W) {
  const keySel = new Map(W.subs.map((s) => [s, keySelected(s)]));
  const prov = new Map(W.subs.map((s) => [s, provided(s)]));
  const typeNames = new Set();
  for (const S of W.subs) for (const t of S.types.values()) if (t.kind === 'object' && !t.interfaceObject) typeNames.add(t.name);
  for (const T of typeNames) {
    const fieldNames = new Set();
    for (const S of W.subs) {
      const t = S.types.get(T);
      if (t?.kind === 'object' && !t.interfaceObject) for (const f of t.fields) fieldNames.add(f.name);
    }
    for (const fname of fieldNames) {
      const defs = W.subs.filter((S) => { const t = S.types.get(T); return t?.kind === 'object' && !t.interfaceObject && fieldOf(t, fname); });
      const overridden = new Set(defs.map((S) => fieldOf(S.types.get(T), fname).override?.from).filter(Boolean));
      const resolving = defs.filter((S) => {
        const t = S.types.get(T);
        const f = fieldOf(t, fname);
        if (overridden.has(S.name)) return false;
        const fake = f.external && t.extend && keySel.get(S).has(`${T}.${fname}`);
        return !f.external || fake || prov.get(S).has(`${T}.${fname}`);
      });
      if (resolving.length < 2) continue;
      for (const S of resolving) {
        const t = S.types.get(T);
        const f = fieldOf(t, fname);
        if (keySel.get(S).has(`${T}.${fname}`) || f.external || t.shareable || f.shareable) continue;
        if (t.valueType && t.shareStyle === 'type') {
          t.shareable = true;
          W.sites.shared.push({ sub: S, type: t, field: null });
        } else {
          f.shareable = true;
          W.sites.shared.push({ sub: S, type: t, field: f });
        }
      }
    }
  }
}

function buildWorld(r, seed) {
  const n = r.weighted([[2, 4], [3, 5], [4, 3], [5, 1], [6, 1]]);
  let names = r.sample(SUBGRAPH_NAMES, n);
  if (r.chance(0.12)) names[r.int(0, n - 1)] = r.pick(ODD_SUBGRAPH_NAMES.filter((x) => !names.includes(x)));
  if (r.chance(0.03) && n > 2) names[1] = names[0].toUpperCase() === names[0] ? `${names[0]}_` : names[0].toUpperCase();
  names = [...new Set(names)];
  const W = { r, seed, subs: names.map((x) => new Sub(x)), entities: [], typeNames: new Set(['Query', 'Mutation']),
    counter: 1, features: new Set(), mergedNaming: new Map(),
    sites: { requires: [], provides: [], override: [], shared: [], sharedArgs: [], valueTypes: [], enums: [], inputs: [],
      nodes: [], entityIfaces: [], unions: [] } };
  const nEnt = r.weighted([[1, 3], [2, 4], [3, 2]]);
  // Big sets get fewer extras so that the whole set stays around 150 lines.
  W.dense = n >= 5 || nEnt === 3;
  const p = (x) => r.chance(W.dense ? x * 0.6 : x);
  for (let i = 0; i < nEnt; i++) addEntity(W, i === 0);
  for (const E of [...W.entities]) {
    if (p(0.45)) addRequires(W, E);
    if (p(0.3)) addProvides(W, E);
    if (p(0.3)) addSharedField(W, E);
    if (p(0.25)) addOverride(W, E);
    if (p(0.3)) addRelation(W, E, r.pick(W.entities));
    if (p(0.06)) addKeylessView(W, E);
  }
  if (p(0.45)) addValueType(W);
  if (p(0.15)) addValueType(W);
  if (p(0.25)) addNodeInterface(W);
  if (p(0.2)) addEntityInterface(W);
  if (p(0.3)) addUnion(W);
  if (p(0.55)) addEnum(W);
  if (p(0.2)) addEnum(W);
  if (p(0.4)) addInput(W);
  if (p(0.2)) addSharedQueryField(W);
  if (p(0.35)) addMutations(W);
  while (r.chance(0.2)) addExtras(W);
  if (p(0.25)) addInaccessible(W);
  if (p(0.15)) addDeprecated(W);
  sharingPass(W);
  return W;
}

// ---------------------------------------------------------------------------------------------
// Near-valid mutations: each returns true when it could be applied.

function allFields(W) {
  const out = [];
  for (const S of W.subs) for (const t of S.types.values()) for (const f of t.fields) out.push({ sub: S, type: t, field: f });
  return out;
}

function otherValue(type, def) {
  switch (baseType(type)) {
    case 'Int': return def === '7' ? '8' : '7';
    case 'Float': return def === '9.75' ? '0.5' : '9.75';
    case 'Boolean': return def === 'true' ? 'false' : 'true';
    default: return def === '"other"' ? '"else"' : '"other"';
  }
}

const MISTAKES = {
  dropShareable(W) {
    const site = W.r.pick(W.sites.shared);
    if (!site) return false;
    if (site.field) site.field.shareable = false;
    else site.type.shareable = false;
    return true;
  },
  requiresUnknownField(W) {
    const site = W.r.pick(W.sites.requires);
    if (!site) return false;
    site.sub.plainNames = true;
    site.field.requires = site.field.requires.replace(/^(\w+)/, (m) => `${m}s`);
    return true;
  },
  requiresNotExternal(W) {
    const site = W.r.pick(W.sites.requires);
    if (!site) return false;
    site.sub.plainNames = true;
    site.externals[0].external = false;
    return true;
  },
  externalUnused(W) {
    const site = W.r.pick([...W.sites.requires, ...W.sites.provides]);
    if (!site) return false;
    if (site.field.requires) site.type.fields = site.type.fields.filter((f) => f !== site.field);
    else site.field.provides = null;
    return true;
  },
  externalTypeMismatch(W) {
    const site = W.r.pick([...W.sites.requires, ...W.sites.provides]);
    if (!site) return false;
    const f = site.externals[0];
    f.type = baseType(f.type) === 'String' ? 'Int' : 'String';
    return true;
  },
  externalMissingOnBase(W) {
    const site = W.r.pick(W.sites.requires);
    if (!site) return false;
    site.type.fields.push(mkField('legacyCode', 'String', { external: true }));
    site.field.requires += ' legacyCode';
    return true;
  },
  providesUnknownField(W) {
    const site = W.r.pick(W.sites.provides);
    if (!site) return false;
    site.sub.plainNames = true;
    site.field.provides += ' unknownField';
    return true;
  },
  providesNotExternal(W) {
    const site = W.r.pick(W.sites.provides);
    if (!site) return false;
    site.sub.plainNames = true;
    site.externals[0].external = false;
    return true;
  },
  providesOnScalar(W) {
    const cands = allFields(W).filter(({ type, field }) => type.name === 'Query' && /^\[?(Int|String|Boolean)/.test(field.type));
    const site = W.r.pick(cands);
    if (!site) return false;
    site.field.provides = 'id';
    site.sub.plainNames = true;
    return true;
  },
  keyUnknownField(W) {
    const cands = [];
    for (const E of W.entities) for (const S of [...E.contributors, ...E.refs]) cands.push([S, S.types.get(E.name)]);
    const cand = W.r.pick(cands.filter(([, c]) => c.keys[0].sel.startsWith('id')));
    if (!cand) return false;
    const [S, t] = cand;
    t.keys[0].sel = t.keys[0].sel.replace(/^id/, 'uid');
    S.plainNames = true;
    return true;
  },
  keyFieldTypeMismatch(W) {
    const cands = [];
    for (const E of W.entities) for (const S of [...E.contributors, ...E.refs]) cands.push(S.types.get(E.name));
    const t = W.r.pick(cands);
    const f = t && fieldOf(t, 'id');
    if (!f) return false;
    f.type = 'String!';
    return true;
  },
  fieldTypeMismatch(W) {
    const cands = W.sites.shared.filter((s) => s.field && /^(Int|Float|String|Boolean)/.test(s.field.type));
    const site = W.r.pick(cands);
    if (!site) return false;
    site.field.type = site.field.type.startsWith('String') ? 'Int' : 'String';
    return true;
  },
  enumValueMismatch(W) {
    const site = W.r.pick(W.sites.enums.filter((e) => e.placed.length > 1 && e.mode === 'both'));
    if (!site) return false;
    const t = W.r.pick(site.placed).type;
    t.values.push({ name: 'EXTRA', desc: null, inaccessible: false, tags: [], deprecated: null });
    return true;
  },
  emptyMergedEnum(W) {
    const site = W.r.pick(W.sites.enums.filter((e) => e.placed.length > 1 && e.mode === 'input'));
    if (!site) return false;
    const victim = site.placed[site.placed.length - 1];
    for (const v of victim.type.values) v.name = `X_${v.name}`;
    for (const t of victim.sub.types.values()) for (const f of t.fields) for (const a of f.args) {
      if (a.defEnum === site.name && a.def !== undefined) a.def = `X_${a.def}`;
    }
    return true;
  },
  requiredInputFieldMissing(W) {
    const site = W.r.pick(W.sites.inputs.filter((i) => i.placed.length > 1));
    if (!site) return false;
    W.r.pick(site.placed).type.fields.push(mkField('requiredToken', 'String!'));
    return true;
  },
  inputDefaultMismatch(W) {
    const cands = [];
    for (const site of W.sites.inputs.filter((i) => i.placed.length > 1)) {
      const [first, ...others] = site.placed;
      for (const f of first.type.fields) {
        if (f.def !== undefined && others.every((p) => p.type.fields.some((g) => g.name === f.name && g.def !== undefined))) cands.push(f);
      }
    }
    const f = W.r.pick(cands);
    if (!f) return false;
    f.def = otherValue(f.type, f.def);
    return true;
  },
  requiredArgMissing(W) {
    const site = W.r.pick(W.sites.sharedArgs);
    if (!site) return false;
    W.r.pick(site.fields).args.push(mkArg('mustHave', 'String!'));
    return true;
  },
  argDefaultMismatch(W) {
    const cands = [];
    for (const site of W.sites.sharedArgs) {
      const [first, ...others] = site.fields;
      for (const a of first.args) {
        if (a.def !== undefined && others.every((f) => f.args.some((b) => b.name === a.name && b.def !== undefined))) cands.push(a);
      }
    }
    const arg = W.r.pick(cands);
    if (!arg) return false;
    arg.def = otherValue(arg.type, arg.def);
    return true;
  },
  overrideFromSelf(W) {
    const site = W.r.pick(W.sites.override);
    if (!site) return false;
    site.field.override.from = site.sub.name;
    return true;
  },
  overrideBadLabel(W) {
    // The label is only checked when the "from" subgraph still has the field.
    const site = W.r.pick(W.sites.override.filter((s) => s.field.override.from === s.E.owner.name
      && fieldOf(s.E.owner.types.get(s.E.name), s.field.name)));
    if (!site) return false;
    site.field.override.label = W.r.pick(BAD_LABELS);
    site.sub.need(7);
    return true;
  },
  overrideLabelTooEarly(W) {
    const site = W.r.pick(W.sites.override.filter((s) => s.field.override.label));
    if (!site) return false;
    site.sub.forceVersion = W.r.int(0, 6);
    return true;
  },
  versionTooLow(W) {
    const S = W.r.pick(W.subs.filter((s) => s.minVersion > 0));
    if (!S) return false;
    S.forceVersion = W.r.int(0, S.minVersion - 1);
    S.plainNames = true; // KEY_UNSUPPORTED_ON_INTERFACE on a renamed @key is a JS crash in Apollo
    return true;
  },
  unknownFederationVersion(W) {
    W.r.pick(W.subs).badVersion = W.r.pick(['2.15', '2.99', '3.0']);
    return true;
  },
  missingImport(W) {
    const S = W.r.pick(W.subs.filter((s) => [...s.types.values()].some((t) => t.keys.length)));
    if (!S) return false;
    S.dropImport = true;
    return true;
  },
  valueTypeFieldMissing(W) {
    const site = W.r.pick(W.sites.valueTypes.filter((v) => v.placed.length > 1));
    if (!site) return false;
    const { type } = W.r.pick(site.placed);
    type.fields.splice(W.r.int(0, type.fields.length - 1), 1);
    return true;
  },
  unresolvableContributor(W) {
    const cands = W.entities.flatMap((E) => E.contributors.map((S) => S.types.get(E.name)));
    const t = W.r.pick(cands);
    if (!t) return false;
    for (const k of t.keys) k.resolvable = false;
    return true;
  },
  inaccessibleReferencedType(W) {
    const cands = [];
    for (const v of W.sites.valueTypes) for (const p of v.placed) cands.push(p.type);
    for (const e of W.sites.enums) for (const p of e.placed) cands.push(p.type);
    for (const n of W.sites.nodes) cands.push(n.iface);
    const t = W.r.pick(cands);
    if (!t) return false;
    t.inaccessible = true;
    return true;
  },
  requiredArgInaccessible(W) {
    const cands = allFields(W).flatMap(({ field }) => field.args.filter((a) => !isNullable(a.type) && a.def === undefined));
    const a = W.r.pick(cands);
    if (!a) return false;
    a.inaccessible = true;
    return true;
  },
  onlyInaccessibleChildren(W) {
    const site = W.r.pick(W.sites.valueTypes);
    if (!site) return false;
    for (const p of site.placed) for (const f of p.type.fields) f.inaccessible = true;
    return true;
  },
  typeKindMismatch(W) {
    const site = W.r.pick(W.sites.valueTypes.filter((v) => v.placed.length > 1));
    if (!site) return false;
    const { type } = W.r.pick(site.placed);
    type.kind = 'interface';
    type.shareable = false;
    for (const f of type.fields) f.shareable = false;
    return true;
  },
  interfaceKeyNotOnImplementation(W) {
    const site = W.r.pick(W.sites.entityIfaces);
    if (!site) return false;
    W.r.pick(site.impls).keys = [];
    return true;
  },
  interfaceObjectWithoutInterfaceKey(W) {
    const site = W.r.pick(W.sites.entityIfaces);
    if (!site) return false;
    site.iface.keys = [];
    return true;
  },
  interfaceFieldNotImplemented(W) {
    const site = W.r.pick(W.sites.nodes);
    if (!site) return false;
    site.iface.fields.push(mkField('globalId', 'String!'));
    return true;
  },
  shareableOnInterfaceField(W) {
    const site = W.r.pick([...W.sites.nodes, ...W.sites.entityIfaces]);
    if (!site) return false;
    site.iface.fields[0].shareable = true;
    return true;
  },
  unknownType(W) {
    const cands = allFields(W).filter(({ field }) => /^(String|Int)/.test(field.type) && !field.external);
    const site = W.r.pick(cands);
    if (!site) return false;
    site.field.type = site.field.type.replace(/^(String|Int)/, (m) => (m === 'String' ? 'Text' : 'Integer'));
    return true;
  },
  unionMemberUnknown(W) {
    const site = W.r.pick(W.sites.unions);
    if (!site) return false;
    const p = W.r.pick(site.placed);
    p.sub.types.get(site.name).members.push('Ghost');
    return true;
  },
  extensionWithNoBase(W) {
    const E = W.r.pick(W.entities.filter((e) => e.contributors.length));
    if (!E) return false;
    for (const S of [...definers(E), ...E.refs]) S.types.get(E.name).extend = 'extend';
    return true;
  },
  overrideCollision(W) {
    // The owner takes over a field that the "from" subgraph computes with @requires.
    const site = W.r.pick(W.sites.requires.filter((s) => s.sub !== s.E.owner));
    if (!site) return false;
    const ot = site.E.owner.types.get(site.E.name);
    if (fieldOf(ot, site.field.name)) return false;
    ot.fields.push(mkField(site.field.name, site.field.type, { override: { from: site.sub.name, label: null } }));
    return true;
  },
  overrideSourceHasOverride(W) {
    const site = W.r.pick(W.sites.override.filter((s) => s.field.override.from === s.E.owner.name
      && fieldOf(s.E.owner.types.get(s.E.name), s.field.name)));
    if (!site) return false;
    fieldOf(site.E.owner.types.get(site.E.name), site.field.name).override = { from: site.sub.name, label: null };
    return true;
  },
  overrideOnInterface(W) {
    const site = W.r.pick(W.sites.entityIfaces);
    if (!site) return false;
    site.iface.fields[1].override = { from: site.B.name, label: null };
    return true;
  },
  emptyMergedInput(W) {
    const site = W.r.pick(W.sites.inputs.filter((i) => i.placed.length > 1));
    if (!site) return false;
    for (const f of site.placed[site.placed.length - 1].type.fields) {
      f.name = `x${f.name[0].toUpperCase()}${f.name.slice(1)}`;
      f.type = f.type.replace(/!$/, '');
    }
    return true;
  },
  interfaceFieldNoImplem(W) {
    const site = W.r.pick(W.sites.nodes.filter((n) => n.impls.length));
    if (!site || W.sites.nodes.length < 2) return false;
    site.iface.fields.push(mkField('createdBy', 'String'));
    for (const t of site.impls) if (!fieldOf(t, 'createdBy')) t.fields.push(mkField('createdBy', 'String'));
    return true;
  },
  defaultValueUsesInaccessible(W) {
    for (const site of W.r.shuffle(W.sites.enums)) {
      for (const { sub, type } of site.placed) {
        const usesDefault = [...sub.types.values()].some((t) => t.fields.some((f) => f.args.some((a) => a.defEnum === site.name && !a.inaccessible && a.def === type.values[0].name)));
        if (!usesDefault) continue;
        type.values[0].inaccessible = true;
        return true;
      }
    }
    return false;
  },
  queryRootInaccessible(W) {
    const S = W.r.pick(W.subs.filter((s) => s.types.get('Query')?.fields.length));
    if (!S) return false;
    S.types.get('Query').inaccessible = true;
    return true;
  },
  implementedByInaccessible(W) {
    const site = W.r.pick([...W.sites.nodes.filter((n) => n.impls.length), ...W.sites.entityIfaces]);
    if (!site) return false;
    W.r.pick(site.impls).inaccessible = true;
    return true;
  },
  keyFieldsHasArgs(W) {
    const cands = W.entities.flatMap((E) => definers(E).map((S) => S.types.get(E.name))).filter((t) => fieldOf(t, 'id') && t.keys.some((k) => k.sel.startsWith('id')));
    const t = W.r.pick(cands);
    if (!t) return false;
    fieldOf(t, 'id').args.push(mkArg('format', 'String'));
    W.subs.find((S) => S.types.get(t.name) === t).plainNames = true;
    return true;
  },
  externalArgumentMissing(W) {
    const site = W.r.pick(W.sites.requires);
    if (!site) return false;
    const target = fieldOf(site.E.owner.types.get(site.E.name), site.externals[0].name);
    if (!target) return false;
    target.args.push(mkArg('unit', 'String', W.r.pick(['"metric"', undefined])));
    return true;
  },
  externalOnInterface(W) {
    const site = W.r.pick([...W.sites.nodes, ...W.sites.entityIfaces]);
    if (!site) return false;
    site.iface.fields[0].external = true;
    return true;
  },
  missingTransitiveAuth(W) {
    const site = W.r.pick(W.sites.requires);
    if (!site) return false;
    const target = fieldOf(site.E.owner.types.get(site.E.name), site.externals[0].name);
    if (!target) return false;
    target.extraDirs.push(W.r.pick([{ spec: 'authenticated', args: null }, { spec: 'requiresScopes', args: 'scopes: [["read:secret"]]' }]));
    site.E.owner.need(5);
    return true;
  },
  authOnInterface(W) {
    const site = W.r.pick([...W.sites.nodes, ...W.sites.entityIfaces]);
    if (!site) return false;
    site.iface.fields[0].extraDirs.push({ spec: 'authenticated', args: null });
    W.subs.find((S) => S.types.get(site.iface.name) === site.iface).need(5);
    return true;
  },
  costOnInterfaceField(W) {
    const site = W.r.pick([...W.sites.nodes, ...W.sites.entityIfaces]);
    if (!site) return false;
    site.iface.fields[0].extraDirs.push({ spec: 'cost', args: 'weight: 3' });
    W.subs.find((S) => S.types.get(site.iface.name) === site.iface).need(9);
    return true;
  },
  listSizeOnNonList(W) {
    const cands = allFields(W).filter(({ type, field }) => type.name === 'Query' && !field.type.startsWith('['));
    const site = W.r.pick(cands);
    if (!site) return false;
    site.field.extraDirs.push({ spec: 'listSize', args: 'assumedSize: 10' });
    site.sub.need(9);
    return true;
  },
  interfaceObjectDefinesImplementation(W) {
    const site = W.r.pick(W.sites.entityIfaces);
    if (!site) return false;
    const impl = W.r.pick(site.impls);
    if (site.B.types.has(impl.name)) return false;
    site.B.add(mkType('object', impl.name, { keys: [{ sel: 'id', resolvable: true }], fields: [mkField('id', 'ID!')] }));
    return true;
  },
  interfaceKeyMissingImplementationType(W) {
    const site = W.r.pick(W.sites.entityIfaces);
    const C = site && W.r.pick(W.subs.filter((s) => s !== site.A && s !== site.B && !s.types.has(site.iface.name)));
    if (!C) return false;
    const impl = W.r.pick(site.impls);
    if (C.types.has(impl.name)) return false;
    C.add(mkType('interface', site.iface.name, { keys: [{ sel: 'id', resolvable: true }], fields: [mkField('id', 'ID!')] }));
    C.add(mkType('object', impl.name, { keys: [{ sel: 'id', resolvable: true }], implements: [site.iface.name], fields: [mkField('id', 'ID!')] }));
    C.need(3);
    return true;
  },
  tagOnExternal(W) {
    const site = W.r.pick([...W.sites.requires, ...W.sites.provides]);
    if (!site) return false;
    site.externals[0].tags.push(W.r.pick(TAGS));
    return true;
  },
  tagImportNameMismatch(W) {
    const cands = W.subs.map((S) => [S, [...S.types.values()].find((t) => t.kind === 'object' && t.fields.length)]).filter(([, t]) => t);
    if (cands.length < 2) return false;
    const [[a, ta], [b, tb]] = W.r.sample(cands, 2);
    ta.tags.push('public');
    tb.tags.push('internal');
    W.r.pick([a, b]).mismatchTag = true;
    return true;
  },
  noQueries(W) {
    for (const S of W.subs) S.types.delete('Query');
    for (const site of W.sites.provides) {
      if (![...site.sub.types.values()].some((t) => t.fields.includes(site.field))) {
        site.type.fields = site.type.fields.filter((f) => !site.externals.includes(f));
      }
    }
    return true;
  },
};

// Weights: the ones with a narrow precondition are tried more often so that they fire at all.
const MISTAKE_WEIGHTS = {
  dropShareable: 6, requiresUnknownField: 3, requiresNotExternal: 3, externalUnused: 3, externalTypeMismatch: 3,
  externalMissingOnBase: 2, providesUnknownField: 3, providesNotExternal: 3, providesOnScalar: 1, keyUnknownField: 2,
  keyFieldTypeMismatch: 2, fieldTypeMismatch: 3, enumValueMismatch: 4, emptyMergedEnum: 4,
  requiredInputFieldMissing: 3, inputDefaultMismatch: 3, requiredArgMissing: 3, argDefaultMismatch: 3,
  overrideFromSelf: 3, overrideBadLabel: 3, overrideLabelTooEarly: 3, versionTooLow: 2, unknownFederationVersion: 1,
  missingImport: 1, valueTypeFieldMissing: 4, unresolvableContributor: 3, inaccessibleReferencedType: 2,
  requiredArgInaccessible: 2, onlyInaccessibleChildren: 1, typeKindMismatch: 2, interfaceKeyNotOnImplementation: 3,
  interfaceObjectWithoutInterfaceKey: 3, interfaceFieldNotImplemented: 2, shareableOnInterfaceField: 2,
  unknownType: 1, unionMemberUnknown: 2, extensionWithNoBase: 2, overrideCollision: 3, noQueries: 1, tagOnExternal: 2,
  tagImportNameMismatch: 1, overrideSourceHasOverride: 3, overrideOnInterface: 3, emptyMergedInput: 3,
  interfaceFieldNoImplem: 4, defaultValueUsesInaccessible: 3, queryRootInaccessible: 1, implementedByInaccessible: 2,
  keyFieldsHasArgs: 2, externalArgumentMissing: 2, externalOnInterface: 2, missingTransitiveAuth: 3, authOnInterface: 2,
  costOnInterfaceField: 2, listSizeOnNonList: 1, interfaceObjectDefinesImplementation: 3,
  interfaceKeyMissingImplementationType: 3,
};

function applyMistake(W) {
  const { r } = W;
  const pool = Object.entries(MISTAKE_WEIGHTS);
  for (let attempt = 0; attempt < 40 && pool.length; attempt++) {
    const name = r.weighted(pool);
    if (MISTAKES[name](W)) return name;
    pool.splice(pool.findIndex(([n]) => n === name), 1);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function decide(W, sub) {
  const { r } = W;
  sub.descRate = r.pick([0, 0, 0.08, 0.2, 0.4]);
  sub.descAlt = r.chance(0.25);
  sub.blockStyle = r.pick(['string', 'block', 'mixed']);
  sub.tagRate = r.pick([0, 0, 0, 0.06, 0.15]);
  sub.namingStyle = sub.dropImport || sub.plainNames ? 'import' : r.weighted([['import', 12], ['prefix', 1], ['mixed', 2]]);
  sub.linkStyle = r.weighted([['multi', 6], ['single', 4], ['schema', 1], ['withLinkSpec', 1]]);
  sub.rootsFirst = r.chance(0.7);
  sub.compact = r.chance(0.15);
}

// Name of a federation directive in this subgraph (deciding import/prefix/alias on first use).
function dir(W, sub, spec) {
  if (!sub.naming.has(spec)) {
    const { r } = W;
    let mode = 'import';
    if (MERGED_SPECS.has(spec)) {
      // Directives copied into the supergraph must have the same name in every subgraph
      // (LINK_IMPORT_NAME_MISMATCH otherwise), so their naming is decided once per set.
      if (!W.mergedNaming.has(spec)) W.mergedNaming.set(spec, r.weighted([['import', 10], ['prefix', 1], ...(ALIASES[spec] ? [['alias', 1]] : [])]));
      mode = W.mergedNaming.get(spec);
      if (sub.mismatchTag && spec === 'tag') mode = mode === 'import' ? r.pick(['prefix', 'alias']) : 'import';
    } else if (sub.namingStyle === 'prefix') {
      mode = 'prefix';
    } else if (sub.namingStyle === 'mixed') {
      mode = r.weighted([['import', 3], ['prefix', 1], ...(ALIASES[spec] ? [['alias', 1]] : [])]);
    }
    sub.naming.set(spec, { mode, name: mode === 'import' ? spec : mode === 'prefix' ? `federation__${spec}` : ALIASES[spec] });
  }
  sub.used.add(spec);
  sub.need(MIN_VERSION[spec]);
  return `@${sub.naming.get(spec).name}`;
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function descFor(W, sub, coord) {
  const { r } = W;
  if (!sub.descRate || !r.chance(sub.descRate)) return null;
  if (sub.descAlt && r.chance(0.5)) return `Alternative description of ${coord}.`;
  return DESC_TEMPLATES[hash(coord) % DESC_TEMPLATES.length](coord);
}

function renderDesc(W, sub, text, indent) {
  if (text === null || text === undefined) return '';
  const block = text.includes('\n') || sub.blockStyle === 'block' || (sub.blockStyle === 'mixed' && W.r.chance(0.5));
  if (!block) return `${indent}"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
  if (!text.includes('\n') && !text.endsWith('"')) return `${indent}"""${text}"""\n`;
  return `${indent}"""\n${text.split('\n').map((l) => `${indent}${l}`).join('\n')}\n${indent}"""\n`;
}

const str = (s) => `"${s}"`;

function renderTags(W, sub, tags) {
  return tags.map((t) => ` ${dir(W, sub, 'tag')}(name: ${str(t)})`).join('');
}

function maybeTag(W, sub, el) {
  if (sub.tagRate && W.r.chance(sub.tagRate)) el.tags.push(W.r.pick(TAGS));
}

function renderArgs(W, sub, owner, f) {
  if (!f.args.length) return '';
  const parts = f.args.map((a) => {
    const coord = `${owner}.${f.name}(${a.name}:)`;
    a.desc ??= descFor(W, sub, coord);
    maybeTag(W, sub, a);
    let s = `${a.name}: ${a.type}`;
    if (a.def !== undefined) s += ` = ${a.def}`;
    if (a.inaccessible) s += ` ${dir(W, sub, 'inaccessible')}`;
    s += renderTags(W, sub, a.tags);
    return { desc: a.desc, s };
  });
  if (parts.some((p) => p.desc)) {
    return `(\n${parts.map((p) => renderDesc(W, sub, p.desc, '    ') + `    ${p.s}`).join('\n')}\n  )`;
  }
  return `(${parts.map((p) => p.s).join(', ')})`;
}

function renderFieldDirs(W, sub, f) {
  let s = '';
  if (f.external) s += ` ${dir(W, sub, 'external')}`;
  if (f.requires) s += ` ${dir(W, sub, 'requires')}(fields: ${str(f.requires)})`;
  if (f.provides) s += ` ${dir(W, sub, 'provides')}(fields: ${str(f.provides)})`;
  if (f.override) {
    s += ` ${dir(W, sub, 'override')}(from: ${str(f.override.from)}${f.override.label ? `, label: ${str(f.override.label)}` : ''})`;
  }
  if (f.shareable) s += ` ${dir(W, sub, 'shareable')}`;
  if (f.inaccessible) s += ` ${dir(W, sub, 'inaccessible')}`;
  s += renderTags(W, sub, f.tags);
  if (f.deprecated !== false) s += ` @deprecated${f.deprecated ? `(reason: ${str(f.deprecated)})` : ''}`;
  for (const d of f.extraDirs) s += ` ${dir(W, sub, d.spec)}${d.args ? `(${d.args})` : ''}`;
  return s;
}

function renderType(W, sub, t) {
  const { r } = W;
  if (t.kind !== 'union' && t.kind !== 'enum' && !t.fields.length) return '';
  if (t.extend !== 'extend') t.desc ??= descFor(W, sub, t.name);
  if (!['Query', 'Mutation'].includes(t.name)) maybeTag(W, sub, t);
  let head = renderDesc(W, sub, t.desc, '');
  const keyword = { object: 'type', interface: 'interface', union: 'union', enum: 'enum', input: 'input' }[t.kind];
  head += `${t.extend === 'extend' ? 'extend ' : ''}${keyword} ${t.name}`;
  if (t.implements.length) head += ` implements ${t.implements.join(' & ')}`;
  for (const k of t.keys) {
    const res = k.resolvable === false ? ', resolvable: false' : k.resolvable === 'explicit' ? ', resolvable: true' : '';
    head += ` ${dir(W, sub, 'key')}(fields: ${str(k.sel)}${res})`;
  }
  if (t.extend === 'extends') head += ` ${dir(W, sub, 'extends')}`;
  if (t.interfaceObject) head += ` ${dir(W, sub, 'interfaceObject')}`;
  if (t.shareable) head += ` ${dir(W, sub, 'shareable')}`;
  if (t.inaccessible) head += ` ${dir(W, sub, 'inaccessible')}`;
  head += renderTags(W, sub, t.tags);
  if (t.kind === 'union') return `${head} = ${t.members.join(' | ')}\n`;
  const lines = [];
  if (t.kind === 'enum') {
    for (const v of t.values) {
      v.desc ??= descFor(W, sub, `${t.name}.${v.name}`);
      maybeTag(W, sub, v);
      let s = `${renderDesc(W, sub, v.desc, '  ')}  ${v.name}`;
      if (v.inaccessible) s += ` ${dir(W, sub, 'inaccessible')}`;
      s += renderTags(W, sub, v.tags);
      lines.push(s);
    }
  } else {
    for (const f of t.fields) {
      f.desc ??= descFor(W, sub, `${t.name}.${f.name}`);
      if (!f.external) maybeTag(W, sub, f);
      let s = `${renderDesc(W, sub, f.desc, '  ')}  ${f.name}${renderArgs(W, sub, t.name, f)}: ${f.type}`;
      if (f.def !== undefined) s += ` = ${f.def}`;
      s += renderFieldDirs(W, sub, f);
      lines.push(s);
    }
  }
  const compact = sub.compact && !lines.some((l) => l.includes('\n')) && lines.length <= 4;
  if (compact) return `${head} { ${lines.map((l) => l.trim()).join(' ')} }\n`;
  return `${head} {\n${lines.join('\n')}\n}\n`;
}

function renderSub(W, sub) {
  const { r } = W;
  const types = [...sub.types.values()];
  const roots = types.filter((t) => t.name === 'Query' || t.name === 'Mutation');
  const rest = types.filter((t) => t.name !== 'Query' && t.name !== 'Mutation');
  const ordered = sub.rootsFirst ? [...roots, ...rest] : [...rest, ...roots];
  const body = ordered.map((t) => renderType(W, sub, t)).filter(Boolean).join('\n');

  // Version: at least what the used directives need; extra (unused) imports sometimes.
  let version = Math.max(sub.minVersion, r.chance(0.35) ? 0 : r.int(0, MAX_VERSION));
  if (sub.forceVersion !== undefined) version = sub.forceVersion;
  const imports = FED_ORDER.filter((s) => sub.used.has(s) && sub.naming.get(s).mode !== 'prefix');
  if (r.chance(0.3)) {
    for (const s of ['key', 'shareable', 'external', 'requires', 'provides', 'tag', 'inaccessible', 'override']) {
      if (!sub.naming.has(s) && r.chance(0.5)) imports.push(s);
    }
  }
  if (sub.dropImport) {
    const droppable = imports.filter((s) => sub.used.has(s) && sub.naming.get(s).mode === 'import');
    if (droppable.length) imports.splice(imports.indexOf(r.pick(droppable)), 1);
  }
  const ordering = r.chance(0.3) ? r.shuffle(imports) : imports;
  const entries = ordering.map((s) => (sub.naming.get(s)?.mode === 'alias'
    ? `{ name: "@${s}", as: "@${sub.naming.get(s).name}" }` : `"@${s}"`));
  const url = `https://specs.apollo.dev/federation/v${sub.badVersion ?? `2.${version}`}`;
  const link = entries.length || r.chance(0.7)
    ? `@link(url: ${str(url)}, import: [${entries.join(', ')}])` : `@link(url: ${str(url)})`;
  let header;
  const hasQuery = body.includes('type Query');
  if (sub.linkStyle === 'schema' && hasQuery) {
    const ops = [`query: Query`];
    if (/^type Mutation/m.test(body)) ops.push('mutation: Mutation');
    header = `schema\n  ${link}\n{\n  ${ops.join('\n  ')}\n}\n`;
  } else if (sub.linkStyle === 'single') {
    header = `extend schema ${link}\n`;
  } else if (sub.linkStyle === 'withLinkSpec') {
    header = `extend schema\n  @link(url: "https://specs.apollo.dev/link/v1.0")\n  ${link}\n`;
  } else {
    header = `extend schema\n  ${link}\n`;
  }
  return `${header}\n${body}`;
}

const LINE_BUDGET = 150;

function attempt(seed, round) {
  const r = new Rng(round ? (seed ^ Math.imul(round, 0x27d4eb2d)) >>> 0 : seed);
  const W = buildWorld(r, seed);
  const mistake = r.chance(0.3) ? applyMistake(W) : null;
  for (const sub of W.subs) decide(W, sub);
  const subgraphs = {};
  for (const sub of W.subs) subgraphs[sub.name] = renderSub(W, sub);
  const lines = Object.values(subgraphs).reduce((n, sdl) => n + sdl.split('\n').length, 0);
  return { subgraphs, lines, meta: { seed, mistake, features: [...W.features].sort() } };
}

// A set over the line budget is regenerated from a derived stream (still deterministic in the
// seed); after a few rounds the smallest one is kept.
export function generateCase(seed) {
  let best = null;
  for (let round = 0; round < 4; round++) {
    const c = attempt(seed, round);
    if (!best || c.lines < best.lines) best = c;
    if (c.lines <= LINE_BUDGET) break;
  }
  return { subgraphs: best.subgraphs, meta: best.meta };
}

export function generate(seed) {
  const { subgraphs, meta } = generateCase(seed);
  Object.defineProperty(subgraphs, '__meta', { value: meta, enumerable: false });
  return subgraphs;
}
