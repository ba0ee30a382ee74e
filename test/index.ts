// Placeholder so the test project is not empty.
export {};
