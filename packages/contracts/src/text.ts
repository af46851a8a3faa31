/**
 * Vietnamese text folding for search: "Phường Bình Hưng Hoà" and "binh hung hoa" must match.
 * NFD splits base letters from their marks; the marks are dropped; đ/Đ (a letter of its own,
 * not a mark) becomes d. Shared by the server (search columns) and the web app (local filters).
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Text the platform stores and returns is NFC (the form Vietnamese keyboards and the data use). */
export function toNfc(text: string): string {
  return text.normalize('NFC')
}
