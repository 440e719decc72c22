// Pages translate from the messages the server provides when it starts (app/lib/messages.server.ts,
// loaded by the root route); a test that calls a meta function or renders a component has no root.
import "../../app/lib/messages.server";
