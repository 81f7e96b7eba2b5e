// The signed-in user's own open shift (any register): the drawer cash they take goes into.
import { useQuery } from "@tanstack/react-query";
import { api, type Me, must } from "../api/client";

export function useMyOpenShift(me: Me) {
  return useQuery({
    queryKey: ["my-open-shift", me.id],
    queryFn: async () => {
      const page = await must(api.GET("/api/v1/shifts", { params: { query: { status: "open", per_page: 200 } } }));
      return page.items.find((s) => s.cashier === me.id) ?? null;
    },
  });
}
