// A product's picture at the top of its tile (the tile's own label names the product), in
// the size it is shown (srcset: the server makes 160, 320 and 640 px wide copies), with its
// box reserved before it loads so that nothing below it moves.
const WIDTHS = [160, 320, 640];

export function TileImage({ url }: { url: string | null | undefined }) {
  if (!url) return <span className="tile-image" aria-hidden="true" />;
  return (
    <img className="tile-image" src={`${url}?w=320`} alt="" loading="lazy" decoding="async" width={320} height={240}
      srcSet={WIDTHS.map((w) => `${url}?w=${w} ${w}w`).join(", ")}
      sizes="(max-width: 800px) 45vw, 160px" />
  );
}
