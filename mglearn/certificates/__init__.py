"""Certificates of a passed exam: what the pages, the web routes and the command line use.

- :mod:`.credentials`: the credential's content (Open Badges 3.0), its VC-JWT form, its
  verification and the public status ``/verify/<code>`` shows;
- :mod:`.openbadge`: the same with an embedded Data Integrity proof (:mod:`.dataintegrity`),
  a did:web issuer (:mod:`.did`) and a revocation status list entry (:mod:`.statuslist`);
- :mod:`.keys`: the Ed25519 signing key file, made once and never left half-written;
- :mod:`.pdf` and :mod:`.pdf_fonts`: the same result as a PDF, and the fonts that print it;
- :mod:`.verify_cli`: ``mglearn verify FILE``, offline or against the issuer's address.
"""

from .credentials import MODULE_TITLE as MODULE_TITLE
from .credentials import Signer as Signer
from .credentials import Verdict as Verdict
from .credentials import code_of as code_of
from .credentials import credential as credential
from .credentials import issuer_profile as issuer_profile
from .credentials import jwk_public_key as jwk_public_key
from .credentials import jwk_set as jwk_set
from .credentials import public_jwk as public_jwk
from .credentials import public_status as public_status
from .credentials import sign_credential as sign_credential
from .credentials import signer as signer
from .credentials import signer_for as signer_for
from .credentials import signer_or_none as signer_or_none
from .credentials import verify_credential as verify_credential
from .credentials import verify_url as verify_url
from .keys import SigningKeyError as SigningKeyError
