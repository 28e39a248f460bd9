// The repository's own lint rules, added to eslint.config.js.
export { boundariesConfig } from './boundaries.js';
export { fileNamesConfig } from './file-names.js';
