import type { FastifyReply, RawServerBase, RouteGenericInterface } from 'fastify';
import { langFrom, ProblemError, type ServiceName } from '@eron/shared';
import { sendProblem } from '@eron/shared/platform';

type CodedError = Error & { code?: string; cause?: unknown };

const TIMEOUTS = new Set([
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
  'FST_REPLY_FROM_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** reply-from wraps what undici threw; our own body-limit problem may be at the bottom. */
function causes(error: CodedError): CodedError[] {
  const chain: CodedError[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 5; e = (e as CodedError).cause) chain.push(e);
  return chain;
}

/** An upstream that is down, resets or is too slow is a 502/504 problem, never a bare 500 (PLT-04). */
export function upstreamProblem(service: ServiceName, error: CodedError): ProblemError {
  const chain = causes(error);
  const own = chain.find((e): e is ProblemError => e instanceof ProblemError);
  if (own) return own;
  if (chain.some((e) => e.code !== undefined && TIMEOUTS.has(e.code))) {
    return new ProblemError({
      status: 504,
      code: 'upstream-timeout',
      title: 'Upstream timeout',
      detail: { es: `El servicio ${service} no respondió a tiempo`, en: `The ${service} service did not answer in time` },
      rule: 'PLT-02',
    });
  }
  return new ProblemError({
    status: 502,
    code: 'upstream-unavailable',
    title: 'Upstream unavailable',
    detail: { es: `El servicio ${service} no está disponible; intente de nuevo`, en: `The ${service} service is unavailable; try again` },
    rule: 'PLT-02',
  });
}

export function replyUpstreamError(service: ServiceName) {
  return function onError(reply: FastifyReply<RouteGenericInterface, RawServerBase>, { error }: { error: Error }): void {
    const req = reply.request;
    // The rest of an unread body would stall this keep-alive connection; end it after the answer.
    if (!req.raw.complete) reply.header('connection', 'close');
    const problem = upstreamProblem(service, error).toProblem(langFrom(req.headers['accept-language']), req.url, req.id);
    void sendProblem(reply as FastifyReply, problem); // reply-from types allow HTTP/2; the gateway serves HTTP/1
  };
}
