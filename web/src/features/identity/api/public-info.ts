// What the login page may show before anyone signs in: the installation's name and the demo logins.
import { queryOptions } from '@tanstack/react-query';
import type { PublicInfoDto } from '../../../../../contracts/identity';
import { api } from '../../../lib/api';

export const publicInfoQuery = queryOptions({
  queryKey: ['identity', 'public-info'],
  queryFn: () => api.get<PublicInfoDto>('/api/v1/public-info'),
  staleTime: 10 * 60_000,
});
