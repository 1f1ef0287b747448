/**
 * Reads files the user picked into base64 for `recording:upload`, reporting progress in
 * bytes. The browser reads them (FileReader); nothing touches the disk.
 */
import { computed, ref } from 'vue';
import type { UploadFile } from '../stores/recording';

/** Human-readable size: "1.9 MB", "512 kB", "12 B". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

function readAsBase64(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded);
    reader.onerror = () => reject(new Error(`${file.name}: could not be read (${reader.error?.message ?? 'unknown error'})`));
    reader.onload = () => {
      const url = String(reader.result);
      // A data URL is "data:<type>;base64,<data>"; keep the data.
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function useFileUpload() {
  const totalBytes = ref(0);
  const readBytes = ref(0);
  const reading = ref(false);
  const fraction = computed(() => (totalBytes.value > 0 ? readBytes.value / totalBytes.value : 0));

  /** Reads every file; throws an Error naming the file that could not be read. */
  async function read(files: readonly File[]): Promise<UploadFile[]> {
    totalBytes.value = files.reduce((sum, f) => sum + f.size, 0);
    readBytes.value = 0;
    reading.value = true;
    try {
      const out: UploadFile[] = [];
      let done = 0;
      for (const file of files) {
        const dataBase64 = await readAsBase64(file, (loaded) => (readBytes.value = done + loaded));
        done += file.size;
        readBytes.value = done;
        out.push({ name: file.name, dataBase64 });
      }
      return out;
    } finally {
      reading.value = false;
    }
  }

  return { totalBytes, readBytes, reading, fraction, read };
}
