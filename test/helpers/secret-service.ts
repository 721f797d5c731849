// The private Secret Service of the keychain tests lives in scripts/ (plain JavaScript), so that the
// bench can start the same one.
export {startSecretService, type SecretService} from '../../scripts/secret-service.js';
