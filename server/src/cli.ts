// Placeholder: the CLI entry is being written.
export {};
