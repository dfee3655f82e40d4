import { getAvatarHue, getAvatarInitials } from "@/lib/format/avatar";

/** A generated avatar: the author's initials on their colour. */
export function Avatar({ name }: { name: string }) {
  const hue = getAvatarHue(name);
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: `hsl(${hue} 45% 42%)` }}>
      {getAvatarInitials(name)}
    </span>
  );
}
