import { ReactNode } from 'react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { ResponseError } from '@backstage/errors';
import { ProgressiveDeliveryApi, progressiveDeliveryApiRef } from '../api';

/** A permission API that allows everything, or denies everything. */
export function permissionApi(allow: boolean) {
  return mockApis.permission({
    authorize: (allow ? 'ALLOW' : 'DENY') as never,
  });
}

/** A ProgressiveDeliveryApi whose unimplemented methods reject. */
export function fakeApi(
  impl: Partial<ProgressiveDeliveryApi>,
): ProgressiveDeliveryApi {
  const missing = async () => {
    throw new Error('not implemented in this test');
  };
  return {
    getClusters: missing,
    getEntityRollouts: missing,
    getRolloutDetail: missing,
    performAction: missing,
    getEntityAudit: async () => ({ items: [] }),
    getOpsRollouts: missing,
    getAudit: async () => ({ items: [] }),
    getEntitySlos: missing,
    getEntityScorecard: missing,
    getOrgScorecards: missing,
    ...impl,
  };
}

export function Apis(props: {
  api: ProgressiveDeliveryApi;
  allow?: boolean;
  children: ReactNode;
}) {
  return (
    <TestApiProvider
      apis={[
        [progressiveDeliveryApiRef, props.api],
        [permissionApiRef, permissionApi(props.allow ?? true)],
      ]}
    >
      {props.children}
    </TestApiProvider>
  );
}

/** A `ResponseError` as the client throws it for a Backstage error body. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/actions' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: name,
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}
