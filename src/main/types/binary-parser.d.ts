/**
 * binary-parser 2.3 ships types for its CommonJS build only: its package "exports" map has no
 * "types" condition, so TypeScript (moduleResolution "bundler") finds none for the ESM entry.
 * Its declarations are the same for both builds; this points the bare import at them.
 */
declare module 'binary-parser' {
  export * from 'binary-parser/dist/binary_parser.js';
}
