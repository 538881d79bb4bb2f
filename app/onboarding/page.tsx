import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SignInRequired } from '@/components/auth/sign-in-required';
import { getServerAuth } from '@/lib/auth/server';
import { OnboardingView } from '@/components/onboarding/onboarding-view';
import { buildOnboardingData } from '@/lib/fleet/onboarding-matrix';
import { ConfigError } from '@/lib/server/config';
import { getInsightsConfig } from '@/lib/server/insights-config';
import { dataAccess } from '@/lib/server/access';
import { loadOnboarding } from '@/lib/server/onboarding-service';
import { parseOnboardingParams } from '@/lib/url-state/onboarding';
import { ConfigProblem } from '@/components/ui/config-problem';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Onboarding gaps' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function OnboardingPage({ searchParams }: PageProps): Promise<ReactNode> {
  // proxy.ts shows the sign-in page instead; this second check keeps data out if it ever does not.
  const auth = await getServerAuth();
  if (!auth.ok) return <SignInRequired status={auth.status} />;
  const params = parseOnboardingParams(await searchParams);
  let loaded: Awaited<ReturnType<typeof loadOnboarding>>;
  let silenceMinutes: number;
  try {
    silenceMinutes = getInsightsConfig().silenceMinutes;
    loaded = await loadOnboarding(dataAccess(auth.user));
  } catch (error) {
    if (error instanceof ConfigError) return <ConfigProblem message={error.message} />;
    throw error;
  }
  return (
    <OnboardingView
      data={buildOnboardingData(loaded.inputs, params.value)}
      view={params.value}
      notices={loaded.notices}
      queries={loaded.queries}
      generatedAt={loaded.generatedAt}
      paramErrors={params.ok ? [] : params.errors}
      silenceMinutes={silenceMinutes}
    />
  );
}
