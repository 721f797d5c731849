/** One request as the client asks the transport for it, and as the exchange watch reports it. */
export type HttpRequest = {
	method: 'GET' | 'POST';
	url: string;
	headers?: Record<string, string>;
	body?: string;
	/** Send it once, never again, whatever happens: the caller decides what a failure means. */
	once?: boolean;
	/**
	false: a 429 or 503 is returned at once instead of waited out (a dropped connection is still
	retried). For calls whose session may be over by the time "later" comes: the caller retries them.
	*/
	waitOutLater?: boolean;
	/**
	Not abandoned on Ctrl-C, but given a short deadline of its own: a sign-in (the session it opens must
	be ended) and a sign-out (so the token's one session is free again). Every other request is
	abandoned at once when the run's signal aborts.
	*/
	survivesInterrupt?: boolean;
};
