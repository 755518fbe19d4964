import { z } from 'zod';

/**
 * A platform as the app's faces exchange it (see shared/model.ts). On its own so the CLI, which checks
 * draft sidecars against it, loads none of the app's other schemas (building them cost every run time).
 */
export const PlatformSchema = z.object({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  variant: z.string().optional(),
  features: z.array(z.string()).optional(),
});
export type PlatformDto = z.infer<typeof PlatformSchema>;
