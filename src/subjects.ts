/**
 * The school subjects a teacher can pick when joining the staff room (F23, F19).
 * One list for the whole bot; a school may type others in the dialog.
 */
export const DEFAULT_SUBJECTS: readonly string[] = [
  'Русский язык',
  'Литература',
  'Математика',
  'Алгебра',
  'Геометрия',
  'Информатика',
  'История',
  'Обществознание',
  'География',
  'Биология',
  'Физика',
  'Химия',
  'Английский язык',
  'Немецкий язык',
  'Физическая культура',
  'ИЗО',
  'Музыка',
  'Технология',
  'ОБЖ',
  'Начальные классы',
];

/** Longest subject name the bot accepts when a teacher types one. */
export const MAX_SUBJECT_LENGTH = 60;
