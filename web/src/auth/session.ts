// The signed-in user (a cookie session: closing the browser ends it).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, type Me, must } from "../api/client";
import { keep, kept } from "../offline/store";

const ME = ["me"] as const;

export function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async (): Promise<Me | null> => {
      try {
        const { user } = await must(api.GET("/api/v1/auth/session")); // a guest is no error
        await keep("me", user ?? null);
        return user ?? null;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        // Offline: the till goes on as whoever was signed in here; the server checks each
        // queued sale against the session when it is sent.
        if (e instanceof ApiError && e.status === 0) return (await kept<Me>("me")) ?? null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: { username: string; password: string }) =>
      must(api.POST("/api/v1/auth/login", { body: { ...form, session: true } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ME }),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => must(api.POST("/api/v1/auth/logout", {})),
    onSettled: async () => {
      await keep("me", null);
      sessionStorage.clear(); // a basket, say: the next person at this browser starts afresh
      client.setQueryData(ME, null); // back to the login form at once
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] }); // nothing of this user stays
    },
  });
}
