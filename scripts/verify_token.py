#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Independent verifier of a CCA attestation token (DEN0137 1.0-rel0 and 2.0).

Written from the fact sheets (shared/den0137/attestation.md; for the 2.0
profile shared/den0137-2.0/rsi.md §5), not from the RMM code: it decodes the tag-399 collection, checks the realm token
(COSE_Sign1, ES384, signed by the key in claim 44237), the claim types and
values, the binding of the platform token (its challenge is the hash of the
RAK COSE_Key, algorithm named by claim 44240) and, when given, the expected
challenge/RPV/RIM/REMs. Needs python3-cbor2 and python3-cryptography.

Exit codes: 0 token accepted, 3 token rejected (message on stderr),
2 usage or I/O error.
"""
import argparse
import hashlib
import io
import sys

try:
    import cbor2
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
except ImportError as e:  # pragma: no cover
    if "-h" in sys.argv[1:] or "--help" in sys.argv[1:]:
        print(__doc__)
    print(f"verify_token: {e}; install python3-cbor2 and python3-cryptography "
          "(Debian) and run with /usr/bin/python3", file=sys.stderr)
    sys.exit(2)

EXIT_REJECTED = 3

CCA_TOKEN_TAG = 399
CCA_PLATFORM_TOKEN = 44234
CCA_REALM_TOKEN = 44241
COSE_SIGN1_TAG = 18

REALM_CHALLENGE = 10
REALM_RPV = 44235
REALM_PUB_KEY = 44237
REALM_HASH_ALGO = 44236
REALM_PUB_KEY_HASH_ALGO = 44240
REALM_PROFILE = 265
REALM_RIM = 44238
REALM_REMS = 44239
REALM_PROFILE_1_0 = "tag:arm.com,2023:realm#1.0.0"
# 2.0 profile (den0137-2.0 rsi.md §5): adds the Realm Instance ID (256, EAT
# ueid: bstr of type byte 0x01 + 32 bytes) and the MEC policy (44243, integer
# 0 shared / 1 private), both mandatory.
REALM_PROFILE_2_0 = "tag:arm.com,2024:realm#2.0.0"
REALM_INSTANCE_ID = 256
REALM_MEC_POLICY = 44243
PROFILES = {"1.0": REALM_PROFILE_1_0, "2.0": REALM_PROFILE_2_0}

PLAT_CHALLENGE = 10

# COSE algorithm -> (curve, hash, coordinate size)  (RFC 9053 §2.1)
COSE_ECDSA = {
    -7: (ec.SECP256R1(), hashes.SHA256(), 32),
    -35: (ec.SECP384R1(), hashes.SHA384(), 48),
    -36: (ec.SECP521R1(), hashes.SHA512(), 66),
}
HASH_SIZES = {"sha-256": 32, "sha-512": 64}
PUB_KEY_HASHES = {"sha-256": hashlib.sha256, "sha-384": hashlib.sha384,
                  "sha-512": hashlib.sha512}


class Rejected(Exception):
    """The token does not verify; the message says why."""


def need(cond, msg):
    if not cond:
        raise Rejected(msg)


def decode_one(data, what):
    """Decodes exactly one CBOR item filling all of @data."""
    need(isinstance(data, bytes), f"{what}: not a byte string")
    fp = io.BytesIO(data)
    try:
        item = cbor2.CBORDecoder(fp).decode()
    except (cbor2.CBORDecodeError, EOFError, ValueError) as e:
        raise Rejected(f"{what}: malformed CBOR ({e})") from e
    need(fp.tell() == len(data), f"{what}: {len(data) - fp.tell()} trailing bytes")
    return item


def bstr(claims, key, name, size=None):
    need(key in claims, f"realm claim {name} ({key}) missing")
    v = claims[key]
    need(isinstance(v, bytes), f"realm claim {name} ({key}) is not a bstr")
    if size is not None:
        need(len(v) == size, f"realm claim {name} ({key}) is {len(v)} bytes, expected {size}")
    return v


def tstr(claims, key, name):
    need(key in claims, f"realm claim {name} ({key}) missing")
    v = claims[key]
    need(isinstance(v, str), f"realm claim {name} ({key}) is not a tstr")
    return v


def decode_sign1(data, what):
    """Returns (protected bytes, protected map, payload, signature)."""
    tok = decode_one(data, what)
    need(isinstance(tok, cbor2.CBORTag) and tok.tag == COSE_SIGN1_TAG,
         f"{what}: not a COSE_Sign1 (CBOR tag 18)")
    arr = tok.value
    need(isinstance(arr, list) and len(arr) == 4, f"{what}: COSE_Sign1 is not a 4-element array")
    prot, unprot, payload, sig = arr
    need(isinstance(prot, bytes), f"{what}: protected header is not a bstr")
    need(isinstance(unprot, dict), f"{what}: unprotected header is not a map")
    need(isinstance(payload, bytes), f"{what}: payload is not a bstr (detached?)")
    need(isinstance(sig, bytes), f"{what}: signature is not a bstr")
    hdr = decode_one(prot, f"{what} protected header") if prot else {}
    need(isinstance(hdr, dict), f"{what}: protected header is not a map")
    return prot, hdr, payload, sig


def verify_ecdsa(what, alg, pub, prot, payload, sig):
    curve, digest, size = COSE_ECDSA[alg]
    need(len(sig) == 2 * size, f"{what}: signature is {len(sig)} bytes, expected {2 * size}")
    tbs = cbor2.dumps(["Signature1", prot, b"", payload])
    r = int.from_bytes(sig[:size], "big")
    s = int.from_bytes(sig[size:], "big")
    try:
        pub.verify(encode_dss_signature(r, s), tbs, ec.ECDSA(digest))
    except InvalidSignature as e:
        raise Rejected(f"{what}: signature does not verify") from e


def rak_public_key(cose_key_bytes):
    key = decode_one(cose_key_bytes, "realm public key (44237)")
    need(isinstance(key, dict), "realm public key (44237): not a COSE_Key map")
    need(key.get(1) == 2, "realm public key (44237): kty is not EC2 (2)")
    need(key.get(-1) == 2, "realm public key (44237): crv is not P-384 (2)")
    x, y = key.get(-2), key.get(-3)
    need(isinstance(x, bytes) and len(x) == 48, "realm public key (44237): x is not 48 bytes")
    need(isinstance(y, bytes) and len(y) == 48, "realm public key (44237): y is not 48 bytes")
    try:
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"),
                                             ec.SECP384R1()).public_key()
    except ValueError as e:
        raise Rejected("realm public key (44237): point not on P-384") from e


def check_realm(data, args):
    prot, hdr, payload, sig = decode_sign1(data, "realm token")
    need(hdr.get(1) == -35, f"realm token: alg is {hdr.get(1)!r}, expected ES384 (-35)")
    claims = decode_one(payload, "realm claims")
    need(isinstance(claims, dict), "realm claims: not a map")

    challenge = bstr(claims, REALM_CHALLENGE, "challenge", 64)
    rpv = bstr(claims, REALM_RPV, "personalization value", 64)
    rak = bstr(claims, REALM_PUB_KEY, "public key")
    algo = tstr(claims, REALM_HASH_ALGO, "hash algo id")
    need(algo in HASH_SIZES, f"realm claim hash algo id (44236) is {algo!r}, expected sha-256 or sha-512")
    pk_algo = tstr(claims, REALM_PUB_KEY_HASH_ALGO, "public key hash algo id")
    need(pk_algo in PUB_KEY_HASHES, f"realm claim public key hash algo id (44240) {pk_algo!r} unknown")
    profile = tstr(claims, REALM_PROFILE, "profile")
    allowed = ([PROFILES[args.profile]] if getattr(args, "profile", None)
               else list(PROFILES.values()))
    need(profile in allowed, f"realm profile is {profile!r}, expected {' or '.join(map(repr, allowed))}")
    if profile == REALM_PROFILE_2_0:
        iid = bstr(claims, REALM_INSTANCE_ID, "realm instance id", 33)
        need(iid[0] == 0x01, f"realm instance id (256) type byte is 0x{iid[0]:02x}, expected 0x01")
        need(REALM_MEC_POLICY in claims, "realm claim MEC policy (44243) missing")
        mec = claims[REALM_MEC_POLICY]
        need(isinstance(mec, int) and not isinstance(mec, bool) and mec in (0, 1),
             f"realm claim MEC policy (44243) is {mec!r}, expected integer 0 or 1")
    else:
        for key in (REALM_INSTANCE_ID, REALM_MEC_POLICY):
            need(key not in claims, f"realm claim {key} is not part of the 1.0 profile")
    size = HASH_SIZES[algo]
    rim = bstr(claims, REALM_RIM, "initial measurement", size)
    need(REALM_REMS in claims, "realm claim extensible measurements (44239) missing")
    rems = claims[REALM_REMS]
    need(isinstance(rems, list) and len(rems) == 4, "realm claim 44239 is not an array of 4 REMs")
    for i, rem in enumerate(rems):
        need(isinstance(rem, bytes) and len(rem) == size,
             f"REM[{i}] is not a {size}-byte bstr")

    verify_ecdsa("realm token", -35, rak_public_key(rak), prot, payload, sig)

    def expect(name, got, want):
        if want is not None:
            need(got == want, f"{name} mismatch: token has {got.hex()}, expected {want.hex()}")

    expect("challenge", challenge, args.challenge)
    expect("RPV", rpv, args.rpv)
    expect("RIM", rim, args.rim)
    for i, want in enumerate(args.rem or []):
        need(i < 4, "more than 4 --rem given")
        expect(f"REM[{i}]", rems[i], want)
    if args.hash_algo is not None:
        need(algo == args.hash_algo, f"hash algo mismatch: token has {algo}, expected {args.hash_algo}")
    return rak, pk_algo, claims


def check_platform(data, rak, pk_algo, args):
    prot, hdr, payload, sig = decode_sign1(data, "platform token")
    claims = decode_one(payload, "platform claims")
    need(isinstance(claims, dict), "platform claims: not a map")
    challenge = claims.get(PLAT_CHALLENGE)
    want = PUB_KEY_HASHES[pk_algo](rak).digest()
    need(isinstance(challenge, bytes) and challenge == want,
         f"platform challenge is not {pk_algo}(RAK COSE_Key): not bound to this realm token")
    if args.iak_pub is not None:
        alg = hdr.get(1)
        need(alg in COSE_ECDSA, f"platform token: unsupported alg {alg!r}")
        try:
            pub = ec.EllipticCurvePublicKey.from_encoded_point(COSE_ECDSA[alg][0], args.iak_pub)
        except ValueError as e:
            raise Rejected("--iak-pub is not a point on the platform token's curve") from e
        verify_ecdsa("platform token", alg, pub, prot, payload, sig)


def verify(token, args):
    top = decode_one(token, "CCA token")
    need(isinstance(top, cbor2.CBORTag), "CCA token: not a CBOR tag")
    need(top.tag == CCA_TOKEN_TAG, f"CCA token: tag {top.tag}, expected {CCA_TOKEN_TAG}")
    coll = top.value
    need(isinstance(coll, dict), "CCA token: tagged item is not a map")
    need(set(coll) == {CCA_PLATFORM_TOKEN, CCA_REALM_TOKEN},
         f"CCA token: keys {sorted(coll, key=str)}, expected [44234, 44241]")
    rak, pk_algo, claims = check_realm(coll[CCA_REALM_TOKEN], args)
    check_platform(coll[CCA_PLATFORM_TOKEN], rak, pk_algo, args)
    return claims


def hexarg(s):
    try:
        return bytes.fromhex(s)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not hex: {s!r}") from e


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("token", help="file holding the CCA token (tag 399)")
    p.add_argument("--challenge", type=hexarg, help="expected realm challenge (64 bytes hex)")
    p.add_argument("--rpv", type=hexarg, help="expected RPV (64 bytes hex)")
    p.add_argument("--rim", type=hexarg, help="expected RIM (hex)")
    p.add_argument("--rem", type=hexarg, action="append",
                   help="expected REM, repeat in order REM[0]..REM[3]")
    p.add_argument("--hash-algo", choices=sorted(HASH_SIZES), help="expected realm hash algorithm")
    p.add_argument("--iak-pub", type=hexarg,
                   help="also verify the platform token with this public key (uncompressed point, hex)")
    p.add_argument("--profile", choices=sorted(PROFILES),
                   help="require this realm token profile (default: 1.0 or 2.0)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = p.parse_args()
    try:
        with open(args.token, "rb") as f:
            token = f.read()
    except OSError as e:
        print(f"verify_token: {e}", file=sys.stderr)
        return 2
    try:
        claims = verify(token, args)
    except Rejected as e:
        print(f"verify_token: REJECTED: {e}", file=sys.stderr)
        return EXIT_REJECTED
    if not args.quiet:
        print(f"verify_token: OK: {len(token)} bytes, realm token ES384 signature valid, "
              f"hash {claims[REALM_HASH_ALGO]}, profile {claims[REALM_PROFILE]}, "
              f"platform token bound to RAK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
