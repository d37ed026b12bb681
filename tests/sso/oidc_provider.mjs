// A real OpenID Connect provider for the test suite (the `oidc-provider` package, a certified
// implementation), started by tests/sso/idp.py on a free loopback port.
//
//   node tests/sso/oidc_provider.mjs CONFIG.json
//
// CONFIG: {"port": 0, "clients": [{client_id, client_secret, redirect_uris}],
//          "accounts": {"<login>": {"claims": {...}, "tamper": null | "signature" | "expired",
//                                   "id_token": {...}}}}
// Sign-in uses the package's development login form: the login names an account (any password).
// An account with "tamper" gets an ID token whose payload was changed after signing
// ("signature") or that is correctly signed but expired an hour ago ("expired"). An account's
// "id_token" claims (say, "amr": ["pwd", "otp"]) are added to its ID token, signed.
// Prints "listening <issuer>" on stdout once it accepts connections.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const port = config.port || (await freePort());
const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: client.redirect_uris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
  })),
  jwks: { keys: [signingKey] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "organization"],
  },
  async findAccount(ctx, id) {
    const account = config.accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  cookies: { keys: ["test-only-cookie-key"] },
});

function base64url(text) {
  return Buffer.from(text).toString("base64url");
}

// Rewrites the ID token of the token endpoint's answer for accounts marked "tamper".
provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body;
  if (ctx.path !== "/token" || !body || typeof body.id_token !== "string") return;
  const claims = decodeJwt(body.id_token);
  const mode = config.accounts[claims.sub]?.tamper;
  const extra = config.accounts[claims.sub]?.id_token;
  if (extra) {
    body.id_token = await new SignJWT({ ...claims, ...extra })
      .setProtectedHeader({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })
      .sign(privateKey);
  }
  if (mode === "signature") {
    const [header, , signature] = body.id_token.split(".");
    const changed = { ...claims, email: "someone.else@example.org", email_verified: true };
    body.id_token = [header, base64url(JSON.stringify(changed)), signature].join(".");
  } else if (mode === "expired") {
    const now = Math.floor(Date.now() / 1000);
    body.id_token = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: "RS256", kid: signingKey.kid, typ: "JWT" })
      .sign(privateKey);
  }
});

provider.listen(port, "127.0.0.1", () => {
  process.stdout.write(`listening ${issuer}\n`);
});
