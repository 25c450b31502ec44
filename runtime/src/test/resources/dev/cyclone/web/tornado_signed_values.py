# Signs and decodes values with Debian's Tornado, for SignedValuesInteropTest.
# Arguments are ASCII: the secret as JSON (a string, or {"version": "secret"}), values in hex.
#   sign SECRET_JSON NAME VALUE_HEX [KEY_VERSION]  -> prints the signed value
#   decode SECRET_JSON NAME SIGNED                 -> prints "value HEX" or "none", then "key_version N"
import binascii
import json
import sys

from tornado.web import create_signed_value, decode_signed_value, get_signature_key_version

command, secret_json, name = sys.argv[1], sys.argv[2], sys.argv[3]
secret = json.loads(secret_json)
if isinstance(secret, dict):
    secret = {int(k): v for k, v in secret.items()}
if command == "sign":
    value = binascii.a2b_hex(sys.argv[4])
    key_version = int(sys.argv[5]) if len(sys.argv) > 5 else None
    print(create_signed_value(secret, name, value, key_version=key_version).decode("ascii"))
elif command == "decode":
    signed = sys.argv[4]
    decoded = decode_signed_value(secret, name, signed)
    print("none" if decoded is None else "value " + binascii.b2a_hex(decoded).decode("ascii"))
    print("key_version %s" % get_signature_key_version(signed))
else:
    sys.exit("unknown command " + command)
