// The shop's public settings (GET /store): name, hours, services, theme, pricing mode.
// One query for every screen that needs them; they change rarely.
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../api/client";

export function useStore() {
  return useQuery({ queryKey: ["store"], queryFn: () => must(api.GET("/api/v1/store")), staleTime: 300_000 });
}

/** Whether shelf prices include tax (carts are priced as the server will). */
export function usePricesIncludeTax(): boolean {
  return useStore().data?.prices_include_tax ?? false;
}
