/** Line icons drawn inline (no icon font: the page may load nothing from outside, and system fonts lack these glyphs). */
type IconName = 'copy' | 'check' | 'inspect' | 'drafts' | 'key' | 'back' | 'forward';

const PATHS: Record<IconName, string> = {
  copy: 'M5 5h8v9H5zM3 11V2h8',
  check: 'M3 8.5l3 3 7-7',
  inspect: 'M7 2a5 5 0 1 1 0 10A5 5 0 0 1 7 2zM10.8 10.8L14.5 14.5',
  drafts: 'M2.5 3.5h11M2.5 8h11M2.5 12.5h7',
  key: 'M5.5 6.5a3 3 0 1 1 0 .01M7.6 8.6L14 15M11 12l1.6-1.6M12.6 13.6l1.6-1.6',
  back: 'M13 8H3M7.5 3.5L3 8l4.5 4.5',
  forward: 'M3 8h10M8.5 3.5L13 8l-4.5 4.5',
};

export function Icon({ name, size = 14 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
