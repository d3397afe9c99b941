// Prepended to the emscripten module factory (--pre-js). The module is an ES module that also runs
// under node, where CommonJS globals do not exist; emscripten 3.1.6 still names __dirname and
// require() in its node branch. The wasm is inlined (-sSINGLE_FILE), so nothing is ever read from
// disk and these names only need to exist.
var __dirname = '';
var require = function (name) {
  throw new Error('caci: require(' + name + ') is unavailable in the ES module build');
};
