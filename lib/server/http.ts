import 'server-only';
import { NextResponse } from 'next/server';
import type { ParamError } from '../url-state/overview';

/** The one shape of every API error: what went wrong, and which parameter. */
export function badRequest(errors: ParamError[]): NextResponse {
  return NextResponse.json(
    { error: { status: 400, message: errors.map((e) => e.message).join('; '), params: errors } },
    { status: 400, headers: { 'cache-control': 'no-store' } },
  );
}

export function serverError(message: string, status = 500): NextResponse {
  return NextResponse.json({ error: { status, message } }, { status, headers: { 'cache-control': 'no-store' } });
}
