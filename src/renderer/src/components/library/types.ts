/** One row of a recording list: what it shows and the header path it opens. */
export interface RecordingListItem {
  key: string;
  title: string;
  detail: string;
  path: string;
}
