import { getAvatarHue, getAvatarInitials } from "@/lib/format/avatar";

/** A generated avatar: the author's initials in white on their colour, dark enough for any hue (4.5:1 or more) in both colour schemes. */
export function Avatar({ name }: { name: string }) {
  const hue = getAvatarHue(name);
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: `hsl(${hue} 45% 30%)` }}>
      {getAvatarInitials(name)}
    </span>
  );
}
