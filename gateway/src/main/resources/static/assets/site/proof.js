// Proof-of-work for anonymous writes, solved on this device (ALTCHA's scheme: find the number whose SHA-256 with
// the salt is the challenge). It replaces a third-party CAPTCHA: nothing is loaded from or sent to anyone but Chorus,
// and nobody has to pick pictures. It usually takes well under a second; a program sending thousands pays each time.

const BATCH = 200;

/** The value of the Chorus-Proof header for one write, from a fresh challenge of our own gateway. */
export async function solve(challenge) {
  if (!globalThis.crypto?.subtle) {
    // only on a page not served over HTTPS (or localhost); the gateway never serves the site that way in production
    throw Object.assign(new Error('This browser cannot do the check.'), { status: 0, proofUnavailable: true });
  }
  const target = bytes(challenge.challenge);
  const encoder = new TextEncoder();
  for (let start = 0; start <= challenge.maxnumber; start += BATCH) {
    const numbers = [];
    for (let n = start; n < start + BATCH && n <= challenge.maxnumber; n += 1) numbers.push(n);
    const digests = await Promise.all(numbers.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n))));
    const found = digests.findIndex((digest) => same(new Uint8Array(digest), target));
    if (found >= 0) {
      return btoa(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge,
        number: numbers[found], salt: challenge.salt, signature: challenge.signature }));
    }
  }
  throw Object.assign(new Error('The check could not be finished.'), { status: 0, proofUnavailable: true });
}

function bytes(hex) {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
