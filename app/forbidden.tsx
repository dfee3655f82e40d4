import { SiteChrome } from "@/components/site/site-chrome";
import { NoModerationRights } from "@/components/moderation/no-moderation-rights";

/** Shown with status 403 when a dashboard page calls forbidden() for an account without moderation rights. */
export default function Forbidden() {
  return (
    <SiteChrome>
      <NoModerationRights />
    </SiteChrome>
  );
}
