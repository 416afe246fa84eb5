"""Tokens at the provisioning service of the simulated home (XEP-0324 v0.5.1 §3.1.3-§3.1.4,
NF Tokens.md): a mixin of ProvisioningComponent, and the client side a stranger uses.

getToken (iq get, in urn:xmpp:iot:provisioning or urn:nf:iot:prov:t:1.0 / ieee / nfi):
    <getToken>BASE64 DER X.509 certificate</getToken>
        -> <getTokenChallenge seqnr='N'>BASE64</getTokenChallenge>: 32 random bytes encrypted
           with the certificate's RSA public key (OAEP, SHA-256)
    <getTokenChallengeResponse seqnr='N'>BASE64 of the decrypted bytes</getTokenChallengeResponse>
        -> <getTokenResponse token='…'/>; a wrong answer: bad-request; an unknown seqnr:
           item-not-found. A token has no whitespace and stays bound to its certificate.
tokenChallenge (iq get, sent by the service to whoever presented a token):
    <tokenChallenge token='…'>BASE64</tokenChallenge> -> <tokenChallengeResponse>BASE64
    </tokenChallengeResponse> from a client that sent that token to the service within the
    last minute and holds its private key; anyone else answers forbidden. The challenge is
    encrypted with the token's certificate when the service issued the token, random bytes
    otherwise (then no answer can be right).
    The service challenges:
      - the owner's client, once a rule it sent names a token (fromService/fromDevice/
        fromUser), in the owner generation's token namespace (urn:nf:iot:prov:t:1.0);
      - whoever chats "challenge <token> xsf|nf" to it: their full JID, in
        urn:xmpp:iot:provisioning (xsf) or urn:nf:iot:prov:t:1.0 (nf).
    What came back is told in chat: "provisioning: challenge <token>: <outcome>", outcome one
    of "answered" (right bytes), "wrong", "error <condition>", "no answer", and " echoed"
    appended when the answer carried the token or the challenge back. Chat "challenged" ->
    "provisioning: challenged <to> <token>: <outcome>" for the last challenge of an owner's rule
    (or "provisioning: challenged none"); chat "rules <localpart>" -> "provisioning: rules
    <localpart>: <kind> <origin>=<true|false> ..." (the rules given for that thing, oldest
    first; origin jid:<jid>, domain:<domain>, service:<token>, device:<token>, user:<token>,
    all).
"""
import base64
import binascii
import datetime
import secrets
import xml.etree.ElementTree as ET

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from slixmpp.exceptions import IqError, IqTimeout

NS_XSF_PROV = "urn:xmpp:iot:provisioning"
TOKEN_NAMESPACES = (NS_XSF_PROV, "urn:nf:iot:prov:t:1.0", "urn:ieee:iot:prov:t:1.0", "urn:nfi:iot:prov:t:1.0")
NS_NF_TOKEN = "urn:nf:iot:prov:t:1.0"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
CHALLENGE_TIMEOUT_S = 5.0
MAX_CERT_BYTES = 16384


def oaep():
    return padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def unb64(text):
    try:
        return base64.b64decode((text or "").strip(), validate=True)
    except (binascii.Error, ValueError):
        return None


def error_condition(iq):
    """The condition of an error iq, read from the XML: on a component's stream the error
    element is in jabber:component:accept, where slixmpp's Error stanza does not look."""
    for err in iq:
        if err.tag.endswith("}error") or err.tag == "error":
            for cond in err:
                if cond.tag.startswith("{%s}" % NS_STANZAS) and not cond.tag.endswith("}text"):
                    return cond.tag.split("}")[1]
    return "none"


async def challenge(xmpp, to, token, ns, cert=None):
    """@xmpp challenges @to for @token (encrypted for @cert when known); what came back:
    "answered", "wrong", "error <condition>", "no answer" (+ " echoed")."""
    plain = secrets.token_bytes(32)
    payload = b64(cert.public_key().encrypt(plain, oaep())) if cert is not None else b64(plain)
    iq = xmpp.make_iq(id=xmpp.new_id(), ifrom=xmpp.boundjid, ito=to, itype="get")
    el = ET.Element("{%s}tokenChallenge" % ns, token=token)
    el.text = payload
    iq.append(el)
    try:
        res = await iq.send(timeout=CHALLENGE_TIMEOUT_S)
    except IqError as e:
        text = ET.tostring(e.iq.xml, encoding="unicode")
        echoed = token in text or payload in text
        return "error %s%s" % (error_condition(e.iq.xml), " echoed" if echoed else "")
    except IqTimeout:
        return "no answer"
    text = ET.tostring(res.xml, encoding="unicode")
    got = res.xml.find("{%s}tokenChallengeResponse" % ns)
    outcome = "answered" if got is not None and unb64(got.text) == plain else "wrong"
    return outcome + (" echoed" if token in text else "")


class TokenService:
    """Mixed into ProvisioningComponent: getToken, tokenChallenge, and the chat that tells."""

    def setup_tokens(self):
        self.token_certs = {}          # token -> certificate it was issued for
        self.token_seq = 0
        self.token_pending = {}        # seqnr -> (requester full JID, certificate, plaintext)
        self.last_challenged = None    # (to, token, outcome)
        self.add_event_handler("message", self.on_token_chat)

    # -- getToken ---------------------------------------------------------------------------------
    def on_getToken(self, iq, el, ns):
        if iq["type"] != "get" or ns not in TOKEN_NAMESPACES:
            return self.error(iq, "cancel", "feature-not-implemented")
        der = unb64(el.text)
        try:
            if der is None or len(der) > MAX_CERT_BYTES:
                raise ValueError("not base64")
            cert = x509.load_der_x509_certificate(der)
            key = cert.public_key()
            if not isinstance(key, rsa.RSAPublicKey):
                raise ValueError("not RSA")
        except ValueError:
            return self.error(iq, "modify", "bad-request", "getToken takes a BASE64 DER X.509 RSA certificate")
        plain = secrets.token_bytes(32)
        self.token_seq += 1
        self.token_pending[str(self.token_seq)] = (iq["from"].full, cert, plain)
        self.result(iq, "<getTokenChallenge xmlns='%s' seqnr='%d'>%s</getTokenChallenge>"
                    % (ns, self.token_seq, b64(key.encrypt(plain, oaep()))))

    def on_getTokenChallengeResponse(self, iq, el, ns):
        if iq["type"] != "get" or ns not in TOKEN_NAMESPACES:
            return self.error(iq, "cancel", "feature-not-implemented")
        pending = self.token_pending.get(el.get("seqnr", ""))
        if pending is None or pending[0] != iq["from"].full:
            return self.error(iq, "cancel", "item-not-found")
        if unb64(el.text) != pending[2]:
            return self.error(iq, "modify", "bad-request")
        del self.token_pending[el.get("seqnr")]
        token = "T" + secrets.token_hex(12)
        self.token_certs[token] = pending[1]
        self.result(iq, "<getTokenResponse xmlns='%s' token='%s'/>" % (ns, token))

    # -- tokenChallenge ---------------------------------------------------------------------------
    async def challenge(self, to, token, ns):
        """Challenges @to for @token; the outcome in words (see the module's doc)."""
        return await challenge(self, to, token, ns, self.token_certs.get(token))

    async def challenge_rule_sender(self, to, token):
        outcome = await self.challenge(to, token, NS_NF_TOKEN)
        self.last_challenged = (to, token, outcome)

    def rule_origin_token(self, origin, owner_full):
        """After a rule from @owner_full: its token (if any) is challenged, as a service may."""
        if origin and origin[0] in ("service", "device", "user"):
            self.loop.create_task(self.challenge_rule_sender(owner_full, origin[1]))

    # -- chat ------------------------------------------------------------------------------------
    def on_token_chat(self, msg):
        if msg["type"] not in ("chat", "normal") or not msg["body"] or msg["to"].bare != self.boundjid.bare:
            return
        words = msg["body"].split()
        if len(words) == 3 and words[0] == "challenge" and words[2] in ("xsf", "nf"):
            self.loop.create_task(self.chat_challenge(msg, words[1], NS_XSF_PROV if words[2] == "xsf" else NS_NF_TOKEN))
        elif words == ["challenged"]:
            last = self.last_challenged
            self.say(msg, "challenged " + ("%s %s: %s" % last if last else "none"))
        elif len(words) == 2 and words[0] == "rules" and words[1] in self.home.by_localpart:
            thing = self.home.bare(words[1])
            told = ["%s %s=%s" % (r.kind, ":".join(r.origin), str(r.result).lower())
                    for r in self.rules if r.thing == thing]
            self.say(msg, "rules %s: %s" % (words[1], " ".join(told) if told else "none"))

    async def chat_challenge(self, msg, token, ns):
        outcome = await self.challenge(msg["from"].full, token, ns)
        self.say(msg, "challenge %s: %s" % (token, outcome))

    def say(self, msg, text):
        reply = self.make_message(mto=msg["from"].full, mfrom=self.boundjid.full, mbody="provisioning: " + text,
                                  mtype="chat")
        reply.send()


class TokenClient:
    """A stranger's own identity at the provisioning service: a self-signed RSA certificate and
    the token getToken gave for it, fetched once."""

    def __init__(self, xmpp, common_name):
        self.xmpp = xmpp
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - datetime.timedelta(days=1))
                     .not_valid_after(now + datetime.timedelta(days=30))
                     .sign(self.key, hashes.SHA256()))
        self.token = None

    async def fetch(self, service, ns=NS_NF_TOKEN):
        """The token of this identity at @service (None when it gave none)."""
        if self.token is not None:
            return self.token
        try:
            iq = self.xmpp.make_iq_get(ito=service)
            el = ET.Element("{%s}getToken" % ns)
            el.text = b64(self.cert.public_bytes(Encoding.DER))
            iq.append(el)
            res = await iq.send(timeout=5)
            ch = res.xml.find("{%s}getTokenChallenge" % ns)
            plain = self.key.decrypt(unb64(ch.text), oaep())
            iq = self.xmpp.make_iq_get(ito=service)
            el = ET.Element("{%s}getTokenChallengeResponse" % ns, seqnr=ch.get("seqnr"))
            el.text = b64(plain)
            iq.append(el)
            res = await iq.send(timeout=5)
            self.token = res.xml.find("{%s}getTokenResponse" % ns).get("token")
        except (IqError, IqTimeout, AttributeError, ValueError):
            self.token = None
        return self.token
