import { watch, watchFile, unwatchFile, type FSWatcher } from 'node:fs';
import * as path from 'node:path';

export interface DataFileWatchOptions {
  /**
  How long the file must stay quiet before `onChange` runs: an editor's save is often several
  writes (or a write and a rename), and the first may leave half a file.
  @default 150
  */
  readonly debounceMs?: number;
}

/** Stops watching. */
export interface DataFileWatcher {
  close(): void;
}

/**
Calls `onChange` after `file` is written, replaced or recreated. Watches the file's folder rather
than the file, so an editor that saves by renaming a new file over the old one is still seen; falls
back to polling the file where the folder cannot be watched. Never keeps the process alive.
*/
export function watchDataFile(file: string, onChange: () => void, options: DataFileWatchOptions = {}): DataFileWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const changed = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => { if (!closed) onChange(); }, debounceMs);
    timer.unref();
  };
  let watcher: FSWatcher | undefined;
  let polling = false;
  const poll = () => {
    if (polling) return;
    polling = true;
    watchFile(file, { interval: 1000, persistent: false }, changed);
  };
  try {
    // Some platforms give no file name: then any event in the folder may be the file.
    watcher = watch(path.dirname(path.resolve(file)), { persistent: false }, (_event, changedName) => {
      if (changedName === null || changedName === name) changed();
    });
    watcher.on('error', () => {
      watcher?.close();
      poll();
    });
  } catch {
    poll();
  }
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      if (polling) unwatchFile(file, changed);
    },
  };
}
