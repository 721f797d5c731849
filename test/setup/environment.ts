// Ink prints only the last frame when it sees CI (is-in-ci, read once when Ink is first imported),
// and the UI tests read every frame. Test files share their worker's modules, so this is decided
// here, before any file imports Ink, rather than in each file.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];

// Commands run in-process read their environment from their io, but the HTTP transport reads the
// process's own proxy variables: a developer's HTTPS_PROXY would carry the simulator's traffic.
// A test that wants a proxy sets it itself (vi.stubEnv, undone after each test: unstubEnvs).
for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
	delete process.env[name];
}
