// Field schemas the HTTP bodies share (http.ts, http-visitors.ts): an email, a password, a name.
import { z } from 'zod';
import { normaliseLine, normaliseName } from './text';

export const Email = z.string().overwrite(normaliseLine).trim().toLowerCase().max(254).email('must be an email address');
export const Password = z.string().min(8, 'must be at least 8 characters').max(200);
export const Name = z.string().overwrite(normaliseName).trim().min(1, 'must not be empty').max(100);
