/**
 * The review folder's public surface: a recording's review in memory (beats, edits,
 * undo/redo, audit trail, flagged queue, summary), its file on disk and its session
 * (analysis, autosave, events). No Electron here.
 */
export { BeatStore, type BeatColumns, type ModelBeats } from './beat-store';
export { ReviewDocument, MIN_BEAT_GAP_SEC, type ChunkInput, type ModelInfo } from './document';
export { applyChange, planEdit, type BeatChange, type EditContext, type HistoryEntry } from './edits';
export { EditHistory, MAX_UNDO, AUDIT_MAX_IDS, type Actor } from './history';
export { countFlagged, flaggedPositions, isFlaggedAt, resolveFilter, stepPosition, type FlaggedSort, type ResolvedFilter } from './flagged';
export { computeSummary, heartRate, shownSequence, tachogram, HR_BIN_SEC, MAX_TACHOGRAM_POINTS } from './summary';
export { findRhythmEvents, PAUSE_MIN_SEC, MIN_CYCLES, type BeatSequence } from './rhythm-events';
export { decodeReview, encodeReview, REVIEW_FORMAT, REVIEW_VERSION, type RecordFingerprint, type ReviewFile } from './persistence';
export { ReviewFileError } from './review-file-error';
export { loadReview, moveAside, readReviewFile, recordFingerprint, reviewFilePath, saveReview, sameFingerprint, REVIEWS_FOLDER, type LoadedReview, type ReadReview } from './review-file';
export { openSnapshot, sealSnapshot, type OpenedEnvelope } from './snapshot-envelope';
export { journalPath, readJournal, ReviewJournal, type JournalContents } from './journal';
export { applyRecord, decodeRecord, encodeRecord, JOURNAL_VERSION, type JournalOp, type JournalRecord } from './journal-records';
export { previousCopyPath, ReviewStore, type OpenedReview, type ReviewStoreOptions } from './review-store';
export { createAutosaver, AUTOSAVE_DELAY_MS, type Autosaver, type AutosaveOptions } from './autosave';
export { ReviewSession, type SessionOptions } from './session';
export { formatClock, labelAt, labelIndex } from './labels';
