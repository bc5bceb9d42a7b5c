import { createSigner } from 'fast-jwt';
import { signedHeaders } from '@eron/shared/platform';
import type { VivifLink } from '@eron/shared';
import type { VisitsConfig } from '../config';

/** What a provider is asked for: one session per booking, with a join link per participant (VIS-17). */
export interface SessionRequest {
  bookingId: string;
  eron: string;
  nui: string;
  familyName: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CreatedSession {
  provider: 'jitsi' | 'http';
  room: string;
  providerSessionId: string | null;
  links: VivifLink[];
}

export interface VideoProvider {
  createSession(r: SessionRequest): Promise<CreatedSession>;
  /** A join link for a monitor authorised by information systems (VIS-18): hidden, not a moderator. */
  monitorLink(r: SessionRequest & { room: string; monitor: string }): Promise<string>;
}

export type JitsiSettings = Pick<
  VisitsConfig,
  'VIVIF_JITSI_URL' | 'VIVIF_JITSI_APP_ID' | 'VIVIF_JITSI_SECRET' | 'VIVIF_JITSI_AUDIENCE' | 'VIVIF_JITSI_SUBJECT'
>;
export type HttpProviderSettings = Pick<
  VisitsConfig,
  'VIVIF_HTTP_URL' | 'VIVIF_HTTP_KEY_ID' | 'VIVIF_HTTP_SECRET' | 'VIVIF_HTTP_TIMEOUT_MS'
>;

/** A link lets its holder in from 15 minutes before the slot until 15 minutes after it ends. */
const GRACE_S = 15 * 60;

/** The room of a booking: no personal data in it, unguessable only together with the token. */
export const roomOf = (bookingId: string): string => `vivif-${bookingId}`;

/**
 * A self-hosted Jitsi Meet with token authentication (prosody `token` auth, HS256 with the app
 * secret): the JWT carries `iss` = app id, `aud`, `sub` = the domain, `room`, `nbf`/`exp` around the
 * slot and `context.user`. The join link is `<url>/<room>?jwt=<token>`; the room is created by the
 * first participant to join, so nothing is called here.
 */
export function jitsiProvider(s: JitsiSettings): VideoProvider {
  const token = (room: string, r: SessionRequest, user: { id: string; name: string; moderator: boolean; hidden?: boolean }) => {
    if (!s.VIVIF_JITSI_SECRET) throw new Error('VIVIF_JITSI_SECRET is not set');
    const sign = createSigner({ algorithm: 'HS256', key: s.VIVIF_JITSI_SECRET });
    return sign({
      aud: s.VIVIF_JITSI_AUDIENCE,
      iss: s.VIVIF_JITSI_APP_ID,
      sub: s.VIVIF_JITSI_SUBJECT,
      room,
      nbf: Math.floor(r.startsAt.getTime() / 1000) - GRACE_S,
      exp: Math.floor(r.endsAt.getTime() / 1000) + GRACE_S,
      moderator: user.moderator,
      context: { user: { id: user.id, name: user.name, moderator: user.moderator, ...(user.hidden ? { hidden: true } : {}) } },
    });
  };
  const link = (room: string, jwt: string) => `${s.VIVIF_JITSI_URL.replace(/\/$/, '')}/${encodeURIComponent(room)}?jwt=${jwt}`;
  return {
    async createSession(r) {
      const room = roomOf(r.bookingId);
      return {
        provider: 'jitsi',
        room,
        providerSessionId: null,
        links: [
          { participant: 'family', url: link(room, token(room, r, { id: `family-${r.bookingId}`, name: r.familyName, moderator: false })) },
          {
            participant: 'establishment',
            url: link(room, token(room, r, { id: `eron-${r.eron}`, name: `INPEC ERON ${r.eron} — VIVIF`, moderator: true })),
          },
        ],
      };
    },
    async monitorLink(r) {
      return link(r.room, token(r.room, r, { id: `monitor-${r.monitor}`, name: 'INPEC monitoreo', moderator: false, hidden: true }));
    },
  };
}

/**
 * A generic HTTP video provider: POST <url>/v1/sessions signed with HMAC (PLT-03), answered with
 * the session id, room and a link per participant. Our booking ID is the reference it deduplicates on.
 */
export function httpProvider(s: HttpProviderSettings): VideoProvider {
  const post = async (path: string, payload: object): Promise<Record<string, unknown>> => {
    const url = new URL(`${s.VIVIF_HTTP_URL.replace(/\/$/, '')}${path}`);
    const body = JSON.stringify(payload);
    const headers = signedHeaders(
      { keyId: s.VIVIF_HTTP_KEY_ID, secret: s.VIVIF_HTTP_SECRET },
      { method: 'POST', path: `${url.pathname}${url.search}`, body },
    );
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(s.VIVIF_HTTP_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`provider answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    async createSession(r) {
      const out = await post('/v1/sessions', {
        reference: r.bookingId,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        participants: [
          { participant: 'family', name: r.familyName },
          { participant: 'establishment', name: `INPEC ERON ${r.eron}` },
        ],
      });
      const links = Array.isArray(out.links) ? (out.links as VivifLink[]) : [];
      if (typeof out.sessionId !== 'string' || typeof out.room !== 'string' || links.length === 0)
        throw new Error('provider answer incomplete');
      return { provider: 'http', room: out.room, providerSessionId: out.sessionId, links };
    },
    async monitorLink(r) {
      const out = await post(`/v1/sessions/${encodeURIComponent(r.bookingId)}/monitors`, { monitor: r.monitor });
      if (typeof out.url !== 'string') throw new Error('provider answer incomplete');
      return out.url;
    },
  };
}

export const providerOf = (c: VisitsConfig): VideoProvider => (c.VIVIF_PROVIDER === 'http' ? httpProvider(c) : jitsiProvider(c));
