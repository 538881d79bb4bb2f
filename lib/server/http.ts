import 'server-only';
import type { NextResponse } from 'next/server';
import { apiError } from '../api/error-response';
import { apiErrorBody, badRequestBody, sourceFailureBody, type ApiError } from '../api/errors';
import type { QueryFailure } from '../sources/runner';
import type { ParamError } from '../url-state/codec';

export function badRequest(errors: ParamError[]): NextResponse {
  return apiError(badRequestBody(errors));
}

export function notFound(
  message: string,
  code: Extract<ApiError['code'], 'not_found' | 'not_collected'> = 'not_found',
): NextResponse {
  return apiError(apiErrorBody({ status: 404, code, message }));
}

/** The server's configuration is wrong: the operator's to fix, said in full. */
export function configInvalid(message: string): NextResponse {
  return apiError(apiErrorBody({ status: 500, code: 'config_invalid', message }));
}

export function sourceFailed(failure: QueryFailure, query?: string): NextResponse {
  return apiError(sourceFailureBody(failure, query));
}
