import { Empty } from "../components/feedback.tsx";
import { Link } from "../lib/router.tsx";

export function NotFoundPage() {
  return (
    <Empty title="There is no such page" action={<Link to="/connections">Go to Cloud Connections</Link>}>
      The address may be mistyped, or the page was moved.
    </Empty>
  );
}
