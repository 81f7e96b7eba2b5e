// The signed-in user (a cookie session: closing the browser ends it).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, type Me, must } from "../api/client";

const ME = ["me"] as const;

export function useMe() {
  return useQuery({
    queryKey: ME,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await must(api.GET("/api/v1/auth/me"));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
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
    onSettled: () => {
      client.setQueryData(ME, null); // back to the login form at once
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] }); // nothing of this user stays
    },
  });
}
