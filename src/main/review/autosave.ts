/**
 * Autosave: a change marks the review dirty and a save follows at most `delayMs` later
 * (the timer is not pushed back by later changes, so a stream of analysis chunks still
 * saves every `delayMs`). A change may ask for a longer delay (analysis chunks: the analysis
 * resumes from what was saved, and saving a 24-hour review on every chunk would take the
 * main thread for tens of milliseconds a few times a second); a reviewer's edit that comes
 * meanwhile brings the save forward again. Saves run one at a time: a change during a save is saved by the
 * next one, and `flush` waits for the one in flight before writing what is left.
 */

/** The autosave of one review. */
export interface Autosaver {
  /** Marks the review changed; it is saved within `delayMs` (or the longer `withinMs`). */
  schedule(withinMs?: number): void;
  /** Saves now if anything is unsaved (after a save in flight); resolves once on disk. */
  flush(): Promise<void>;
  /** When the last save finished, null before the first. */
  readonly savedAt: Date | null;
  /** The last save's error, null after a save that worked. */
  readonly lastError: unknown;
}

/** Options of `createAutosaver`. */
export interface AutosaveOptions {
  /** Longest wait between a change and its save, ms (default 300). */
  delayMs?: number;
  /** After each save that worked. */
  onSaved?: (at: Date) => void;
  /** After each save that failed (the change stays unsaved and the next change retries). */
  onError?: (error: unknown) => void;
}

/** The default longest wait from a change to its save, ms (the issue asks for ≤ 500). */
export const AUTOSAVE_DELAY_MS = 300;

/** An autosaver around `save`, which writes the current state. */
export function createAutosaver(save: () => Promise<void>, options: AutosaveOptions = {}): Autosaver {
  const delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the pending timer fires (ms since the epoch). */
  let dueAt = 0;
  let running: Promise<void> | null = null;
  let savedAt: Date | null = null;
  let lastError: unknown = null;

  async function saveOnce(): Promise<void> {
    try {
      await save();
      savedAt = new Date();
      lastError = null;
      options.onSaved?.(savedAt);
    } catch (error) {
      dirty = true;
      lastError = error;
      options.onError?.(error);
    }
  }

  async function run(): Promise<void> {
    while (running) await running;
    if (!dirty) return;
    // No await between the check above and this line: two callers cannot both start a save.
    dirty = false;
    const current = saveOnce();
    running = current;
    await current;
    running = null;
  }

  return {
    schedule(withinMs = delayMs) {
      dirty = true;
      const due = Date.now() + withinMs;
      if (timer !== null && dueAt <= due) return;
      if (timer !== null) clearTimeout(timer);
      dueAt = due;
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, withinMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      await run();
    },
    get savedAt() {
      return savedAt;
    },
    get lastError() {
      return lastError;
    },
  };
}
