import type { CrisisAnswer } from '../domain/crises.ts';
import type { CheckInLink } from './links.ts';

/** What answering by link takes and gives (src/crises/answers.ts, and on PostgreSQL answers-in-one-call.ts). */

export interface LinkTarget {
  crisisId: number;
  title: string;
  exercise: boolean;
  wave: number;
  areaDesc: string;
}

export interface RecordedAnswer {
  /** False when this link had already recorded its answer: nothing new was written. */
  recorded: boolean;
  answer: CrisisAnswer;
  answeredAt: string;
  /** The person's latest answer to the crisis (another link's, if they answered again since). */
  latest: CrisisAnswer;
  detailsGiven: boolean;
  target: LinkTarget;
}

export interface AnswerRequest {
  link: CheckInLink;
  now: Date;
}
