/**
 * The saved form of the last patient adaptation of a review (shared/review.ts
 * AdaptationStatus), checked when a review file is read (persistence.ts).
 */
import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors';
import type { AdaptationStatus } from '../../shared/review';

const errorInfo = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

/** AdaptationStatus as JSON. */
export const adaptationSchema: z.ZodType<AdaptationStatus> = z.object({
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  fraction: z.number().min(0).max(1),
  message: z.string(),
  reviewedBeats: z.number().int().min(0),
  replayBeats: z.number().int().min(0),
  changedBeats: z.number().int().min(0),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  modelId: z.string().nullable(),
  error: errorInfo.nullable(),
});
