// Ink prints only the last frame when it sees CI (is-in-ci, read once when Ink is first imported),
// and the UI tests read every frame. Test files share their worker's modules, so this is decided
// here, before any file imports Ink, rather than in each file.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
