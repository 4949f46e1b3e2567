/** Advisory levels 1–4 and their exact public labels. */
export const LEVEL_LABELS = {
  1: 'Exercise Normal Precautions',
  2: 'Exercise Increased Caution',
  3: 'Reconsider Travel',
  4: 'Do Not Travel',
} as const;

export type Level = keyof typeof LEVEL_LABELS;

export const LEVELS: readonly Level[] = [1, 2, 3, 4];

export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

export function levelLabel(level: Level): string {
  return LEVEL_LABELS[level];
}
