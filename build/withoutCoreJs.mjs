// An esbuild plugin that leaves twitter-text's core-js polyfills out of the bundles.
//
// twitter-text 3 is compiled by Babel with `useBuiltIns: 'usage'`: its files begin with
// `require("core-js/modules/es6.array.filter")` and the like, imported only for their side effects
// (its helpers come from @babel/runtime, which is plain functions and stays). Loading core-js 2
// in the extension host, which every extension shares, replaces `Function.prototype.toString` and
// adds the globals `core` and `__core-js_shared__` and `Symbol.useSetter`/`useSimple`, even where
// every feature it polyfills is native. On the engines we build for (Node 20, ES2022 browsers)
// each one is: core-js detects that and keeps the native built-in (checked on Node 20: loading all
// of them replaces nothing else), so an empty module in its place leaves twitter-text running on
// the very built-ins it ran on, and its own code as published. test/unit/bundleGlobals.test.ts
// checks both: no global changes, and the bundle's X counts equal the package's.

/** Each polyfill twitter-text imports, and the native built-in that stands in for it. */
const NATIVE = {
  'es6.array.filter': 'Array.prototype.filter',
  'es6.array.for-each': 'Array.prototype.forEach',
  'es6.array.from': 'Array.from',
  'es6.array.index-of': 'Array.prototype.indexOf',
  'es6.array.is-array': 'Array.isArray',
  'es6.array.iterator': 'Array.prototype[Symbol.iterator], keys, values, entries',
  'es6.array.reduce': 'Array.prototype.reduce',
  'es6.array.sort': 'Array.prototype.sort',
  'es6.date.to-string': 'Date.prototype.toString ("Invalid Date")',
  'es6.object.assign': 'Object.assign',
  'es6.object.define-properties': 'Object.defineProperties',
  'es6.object.define-property': 'Object.defineProperty',
  'es6.object.keys': 'Object.keys',
  'es6.object.to-string': 'Object.prototype.toString with Symbol.toStringTag',
  'es6.regexp.constructor': 'RegExp (flags from a RegExp argument)',
  'es6.regexp.match': 'String.prototype.match, RegExp.prototype[Symbol.match]',
  'es6.regexp.replace': 'String.prototype.replace, RegExp.prototype[Symbol.replace]',
  'es6.regexp.split': 'String.prototype.split, RegExp.prototype[Symbol.split]',
  'es6.regexp.to-string': 'RegExp.prototype.toString',
  'es6.string.iterator': 'String.prototype[Symbol.iterator]',
  'es6.symbol': 'Symbol',
  'es7.object.get-own-property-descriptors': 'Object.getOwnPropertyDescriptors',
  'web.dom.iterable': 'iterable DOM collections (none in Node)',
};

/** @type {import('esbuild').Plugin} */
export const withoutCoreJs = {
  name: 'without-core-js',
  setup(build) {
    build.onResolve({ filter: /^core-js\// }, ({ path, importer }) => {
      const module = path.match(/^core-js\/modules\/(.+?)(\.js)?$/)?.[1];
      if (module !== undefined && module in NATIVE) return { path: module, namespace: 'native-built-in' };
      // A new import (after an upgrade) needs the same check before it is dropped.
      return { errors: [{ text: `${path} (imported by ${importer}) is not in build/withoutCoreJs.mjs: check that it is native on Node 20 and ES2022, then add it` }] };
    });
    build.onLoad({ filter: /.*/, namespace: 'native-built-in' }, ({ path }) => ({
      contents: `// core-js/modules/${path}: native, ${NATIVE[path]}\n`,
      loader: 'js',
    }));
  },
};
