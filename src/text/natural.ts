/** The one place `natural` is imported: silences the dotenv banner it triggers on import. */
process.env.DOTENV_CONFIG_QUIET = 'true';
const natural = await import('natural');
export default natural.default ?? natural;
