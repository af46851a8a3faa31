/** Simple line icons for the service cards (decorative: the card title says the same). */
const iconPaths = {
  feedback: 'M4 5h16v11H10l-6 4z M8 9h8 M8 12h5',
  procedures: 'M6 3h9l4 4v14H6z M14 3v5h5 M9 12h7 M9 16h7',
  map: 'M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2z M9 4v14 M15 6v14',
  warnings: 'M12 3l10 18H2z M12 10v5 M12 17.5v.5',
} as const

export type ServiceIconName = keyof typeof iconPaths

export function ServiceIcon({ name }: { name: ServiceIconName }) {
  return (
    <svg
      className="service-card__icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={iconPaths[name]} />
    </svg>
  )
}
