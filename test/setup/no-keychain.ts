// No test may reach the keychain of the person running the tests: without a session bus, every
// keychain attempt fails at once (a save falls back to the file, as on a server). The keychain
// tests start a private Secret Service and hand its address to the processes they run.
delete process.env['DBUS_SESSION_BUS_ADDRESS'];
delete process.env['XDG_RUNTIME_DIR'];
