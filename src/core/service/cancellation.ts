/** Asks a long-running query or pass to stop. Structurally compatible with LSP's and VS Code's tokens. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

/** A token that is never cancelled. */
export const NONE: CancellationToken = Object.freeze({ isCancellationRequested: false });

/** A token the owner cancels by calling `cancel()`. */
export class CancellationSource implements CancellationToken {
  private cancelled = false;

  get isCancellationRequested(): boolean {
    return this.cancelled;
  }

  cancel(): void {
    this.cancelled = true;
  }
}
