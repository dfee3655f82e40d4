/** Shown in the frame for an unknown site, or an article that cannot be created from the embedding page. */
export default function EmbedNotFound() {
  return <p className="embed-unavailable">This discussion is not available.</p>;
}
