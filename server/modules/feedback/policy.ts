/**
 * The rules of the 1022 channel the platform applies (HCMC, 2025), in one place. Deadlines per
 * category live with the category (data); these are the rest.
 */
export const FEEDBACK_POLICY = {
  /** Legal default when several agencies are involved in one report. */
  multiAgencyDeadlineWorkingDays: 15,
  /** Officials are reminded this many working days before the deadline. */
  reminderWorkingDays: 2,
  /** After a resolution or rejection the resident may rate it, or say "not fixed", for this long; then it closes. */
  ratingWindowDays: 7,
  /** "Not fixed" reopens a report this many times; said once more, the report ends closed_not_fixed. */
  maxReopens: 2,
  /** "Is this already reported?": open reports of the same category this close, this recent. */
  duplicateRadiusMeters: 50,
  duplicateDays: 30,
  maxPhotosPerReport: 5,
  /** Photos uploaded but never attached to a report are removed after this long. */
  unattachedPhotoHours: 24,
} as const
