"""Reads a letter or a certificate as it arrived with Python's email
package (a parser independent of GMime) and checks its headers, parts and
attachment.
    check.py FILE.eml TO_ADDR FROM_ADDR CASE_ID SESSION_DATE PROGRAM ATTACHED(0|1)
    check.py --certificate FILE.eml TO_ADDR FROM_ADDR NAME NUMBER PROGRAM ATTACHED(0|1)
Exits 1 naming the first thing that is wrong."""
import email
import email.policy
import email.utils
import sys

certificate = sys.argv[1] == "--certificate"
args = sys.argv[2:] if certificate else sys.argv[1:]
path, to_addr, from_addr, case_id, day, program, attached = args[:7]
if certificate:
    name, number = case_id, day
    subject_parts = (program, "certificate", name)
    pdf_name = f"{number}.pdf"
else:
    subject_parts = (program, case_id, day)
    pdf_name = f"{case_id}-recommendations.pdf"
with open(path, "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)


def fail(what):
    print(f"FAIL: {path}: {what}")
    sys.exit(1)


def addr(header):
    value = msg[header]
    if value is None:
        fail(f"no {header} header")
    return [a.addr_spec for a in value.addresses]


if addr("To") != [to_addr]:
    fail(f"To is {msg['To']}")
if addr("From") != [from_addr] or addr("Reply-To") != [from_addr]:
    fail(f"From {msg['From']}, Reply-To {msg['Reply-To']}")
if msg["From"].addresses[0].display_name != program:
    fail(f"From's name is {msg['From'].addresses[0].display_name!r}")
subject = str(msg["Subject"])
for part in subject_parts:
    if part not in subject:
        fail(f"Subject {subject!r} lacks {part!r}")
if msg["Date"] is None or email.utils.parsedate_to_datetime(str(msg["Date"])) is None:
    fail("no Date")
mid = str(msg["Message-ID"] or "")
if not (mid.startswith("<") and mid.endswith(">") and "@" in mid):
    fail(f"Message-ID {mid!r}")
if msg["MIME-Version"] != "1.0":
    fail("no MIME-Version")

if attached == "1":
    if msg.get_content_type() != "multipart/mixed":
        fail(f"top part is {msg.get_content_type()}")
    parts = list(msg.iter_parts())
    if len(parts) != 2:
        fail(f"{len(parts)} parts under multipart/mixed")
    alt, pdf = parts
    if pdf.get_content_type() != "application/pdf" or pdf.get_content_disposition() != "attachment":
        fail(f"attachment is {pdf.get_content_type()} {pdf.get_content_disposition()}")
    if pdf.get_filename() != pdf_name:
        fail(f"attachment named {pdf.get_filename()}")
    data = pdf.get_content()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        fail("the attachment is not a whole PDF")
else:
    alt = msg
if alt.get_content_type() != "multipart/alternative":
    fail(f"body is {alt.get_content_type()}")
kinds = [p.get_content_type() for p in alt.iter_parts()]
if kinds != ["text/plain", "text/html"]:
    fail(f"alternatives are {kinds}")
text, html = [p.get_content() for p in alt.iter_parts()]
for body, kind in ((text, "text"), (html, "HTML")):
    if certificate:
        if "This certifies that" not in body or name not in body or number not in body:
            fail(f"the {kind} part is not {name}'s certificate {number}")
        continue
    if f"Recommendations for case {case_id}" not in body:
        fail(f"the {kind} part has no title")
    if "Dear " not in body or "hub team" not in body or from_addr not in body:
        fail(f"the {kind} part has no greeting, sign-off or contact line")
if "<h1" not in html or "Contents" in html:
    fail("the HTML part is not the letter's page")
if certificate and "size: letter landscape" not in html:
    fail("the HTML part lacks certificate.css")
print(f"ok: {path}")
