// Types for the two CommonJS packages the SIP switch uses, which ship none: only what Banzu calls.

declare module 'rtpengine-client' {
  type NgReply = Record<string, unknown> & { result: unknown; sdp?: unknown };
  type NgRequest = (port: number, host: string, params?: Record<string, unknown>) => Promise<NgReply>;
  export class Client {
    constructor(options: { localAddress?: string; localPort?: number; timeout?: number });
    ping: NgRequest;
    offer: NgRequest;
    answer: NgRequest;
    delete: NgRequest;
    playMedia: NgRequest;
    stopMedia: NgRequest;
    blockMedia: NgRequest;
    unblockMedia: NgRequest;
    startRecording: NgRequest;
    on(event: 'error', listener: (err: Error) => void): this;
    close(): void;
  }
}

declare module 'sip' {
  export interface NameAddr {
    name?: string;
    uri: string;
    params: Record<string, string | null | undefined>;
  }
  export interface Via {
    version?: string;
    protocol?: string;
    host?: string;
    port?: number;
    params: Record<string, string | null | undefined>;
  }
  export interface SipHeaders {
    to: NameAddr;
    from: NameAddr;
    'call-id': string;
    cseq: { seq: number; method: string };
    via?: Via[];
    contact?: NameAddr[];
    'record-route'?: NameAddr[];
    route?: NameAddr[];
    'content-type'?: string;
    [name: string]: unknown;
  }
  export interface SipRequest {
    method: string;
    uri: string;
    version?: string;
    headers: SipHeaders;
    content?: string;
  }
  export interface SipResponse {
    status: number;
    reason: string;
    version?: string;
    headers: SipHeaders;
    content?: string;
  }
  export interface SipUri {
    schema: string;
    user?: string;
    password?: string;
    host: string;
    port?: number;
    params: Record<string, string | null>;
    headers: Record<string, string>;
  }
  export interface SipStack {
    send(message: SipRequest | SipResponse, onResponse?: (response: SipResponse) => void): void;
    destroy(): void;
  }
  export interface SipStackOptions {
    address?: string;
    port?: number;
    publicAddress?: string;
    hostname?: string;
    udp?: boolean;
    tcp?: boolean;
    logger?: { error?: (err: unknown) => void };
  }
  export function create(options: SipStackOptions, onRequest: (request: SipRequest, remote: { protocol: string; address: string; port: number }) => void): SipStack;
  export function makeResponse(request: SipRequest, status: number, reason?: string, extension?: { headers?: Record<string, unknown>; content?: string }): SipResponse;
  export function parseUri(uri: string): SipUri;
}
