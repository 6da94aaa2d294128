// A real OpenID Connect provider on localhost for tests/e2e/test_oidc.py: oidc-provider (certified),
// one confidential client for Kinerja, and accounts whose e-mail is their login name. Its own
// development login page asks for a login and a password (any password) and then for consent.
// usage: node provider.mjs PORT REDIRECT_URI CLIENT_SECRET
import Provider from "oidc-provider";

const [port, redirectUri, secret] = process.argv.slice(2);
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "kinerja",
      client_secret: secret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri, redirectUri.replace(/\/oauth2callback$/, "/")],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: false, // the ID token carries the e-mail (st.user reads the ID token)
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id.split("@")[0] };
      },
    };
  },
  cookies: { keys: ["kunci-uji-kinerja"] },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log(`oidc siap ${issuer}`));
