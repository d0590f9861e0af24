// RDB codecs for the collection types (registered into rdb-value.ts).
// Strings are built into rdb-value.ts.
export {};
