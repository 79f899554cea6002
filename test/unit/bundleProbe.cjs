'use strict';
// Loads one shipped bundle in this fresh process, as VS Code's extension host or `node` would, and
// writes to the file named by EDCAL_PROBE_OUT every change it made to the globals and the
// built-ins, once right after loading and once more when the process exits (for what runs later).
// Usage: EDCAL_PROBE_OUT=out.json node bundleProbe.cjs dist/cli.js [arguments for the bundle…]
// Plain CommonJS, not TypeScript: tsx would load its own hooks into the process being measured.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');

/**
 * The `vscode` module: every property, call and `new` gives the stub back, so the bundle's
 * top-level code (`vscode.DiagnosticSeverity.Error`, `class extends vscode.TreeItem`) runs.
 * esbuild reads a CommonJS module's properties through its prototype, so that is the stub too.
 * Not thenable, so awaiting it does not hang.
 */
function vscodeStub() {
  const stub = new Proxy(function vscode() {}, {
    get: (target, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => 'vscode' : key === 'prototype' ? target.prototype : stub),
    apply: () => stub,
    construct: () => stub,
    getPrototypeOf: () => stub,
  });
  return stub;
}

// Built-ins whose own properties, and whose prototype's, must come out as they went in.
const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const BUILT_INS = {
  Object, Function, Array, String, Number, Boolean, Symbol, BigInt, RegExp, Date, Error, TypeError, RangeError,
  Promise, Map, Set, WeakMap, WeakSet, WeakRef, Proxy, Reflect, JSON, Math, Intl, ArrayBuffer, DataView,
  Uint8Array, TypedArray: Object.getPrototypeOf(Uint8Array), TextEncoder, TextDecoder, URL, URLSearchParams,
  Iterator: { prototype: iteratorPrototype },
  ArrayIterator: { prototype: Object.getPrototypeOf([][Symbol.iterator]()) },
  StringIterator: { prototype: Object.getPrototypeOf(''[Symbol.iterator]()) },
  MapIterator: { prototype: Object.getPrototypeOf(new Map().entries()) },
  SetIterator: { prototype: Object.getPrototypeOf(new Set().values()) },
  RegExpStringIterator: { prototype: Object.getPrototypeOf(/a/g[Symbol.matchAll]('a')) },
};

/** Every own property of `object` under `name`: its value, getter and setter, by identity. */
function record(into, name, object) {
  for (const key of Reflect.ownKeys(object)) {
    const d = Object.getOwnPropertyDescriptor(object, key);
    into.set(`${name}.${String(key)}`, [d.value, d.get, d.set]);
  }
}

function snapshot() {
  const out = new Map();
  record(out, 'globalThis', globalThis);
  for (const [name, builtIn] of Object.entries(BUILT_INS)) {
    if (typeof builtIn === 'function') record(out, name, builtIn);
    if (builtIn.prototype) record(out, `${name}.prototype`, builtIn.prototype);
  }
  return out;
}

/** `+name` added, `-name` removed, `~name` replaced (NaN equals NaN). */
function changes(before, after) {
  const out = [];
  for (const [k, v] of after) {
    if (!before.has(k)) out.push(`+${k}`);
    else if (!v.every((part, i) => Object.is(part, before.get(k)[i]))) out.push(`~${k}`);
  }
  for (const k of before.keys()) if (!after.has(k)) out.push(`-${k}`);
  return out;
}

const bundle = resolve(process.argv[2]);
const report = { afterLoad: [], atExit: [] };
const save = () => writeFileSync(process.env.EDCAL_PROBE_OUT, JSON.stringify(report));

const stub = vscodeStub();
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};
process.argv = [process.argv[0], bundle, ...process.argv.slice(3)];

const before = snapshot();
require(bundle);
report.afterLoad = changes(before, snapshot());
save();
process.on('exit', () => {
  report.atExit = changes(before, snapshot());
  save();
});
