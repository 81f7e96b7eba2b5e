// A product's picture at the top of its tile (the tile's own label names the product).
export function TileImage({ url }: { url: string | null | undefined }) {
  return url ? <img className="tile-image" src={url} alt="" loading="lazy" decoding="async" /> : null;
}
