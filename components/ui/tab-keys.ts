/**
 * The WAI-ARIA tabs pattern's keys (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): in a horizontal
 * tab list the left and right arrows move to the previous and next tab, wrapping at either end;
 * Home and End move to the first and last. Returns the index of the tab to move to, or undefined
 * for a key the tab list leaves alone (Tab itself leaves the list for the selected panel).
 */
export function tabIndexAfterKey(key: string, current: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case "ArrowRight":
      return (current + 1) % count;
    case "ArrowLeft":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return undefined;
  }
}
