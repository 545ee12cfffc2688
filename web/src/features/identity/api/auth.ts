// Signing in, signing out and changing one's password.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordInput, LoginInput, MeDto } from '../../../../../contracts/identity';
import { api, setCsrfToken } from '../../../lib/api';
import { meQueryKey } from './me';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<MeDto>('/api/v1/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Nothing read for a previous session may leak into this one.
      queryClient.removeQueries();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/v1/auth/logout'),
    // A full load of the login page drops every cached answer of this person.
    onSettled: () => {
      setCsrfToken(null);
      window.location.assign('/login');
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<{ ok: true }>('/api/v1/me/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
