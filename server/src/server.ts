// Placeholder: the language server entry is being written.
export {};
