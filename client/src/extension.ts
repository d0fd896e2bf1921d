// Placeholder until the language client lands.
export function activate(): void {}
export function deactivate(): void {}
