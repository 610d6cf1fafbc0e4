#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets: tests/fuzz/corpus/<target>/.

    python3 tests/fuzz/make_corpus.py          # rewrite the corpus in place
    python3 tests/fuzz/make_corpus.py --check  # exit 1 if the checked-in corpus differs

Seeds are real replies (greetings, EHLO lists, the bounces of the large
providers, qmail, Exchange, Postfix) and at least one input for every error
class and every diagnostic of parsing.md, in both presets. Each target gets
them in its own layout (see the comment at the top of each fuzz_*.cpp):

    parse/        the reply bytes as they are
    classify/     byte 0 picks the preset (0 default, 1 strict), then the bytes
    incremental/  3 header bytes + chunk sizes, then the bytes
    stream/       byte 0 picks the preset and the read size, then a stream of replies

File names are the seed's name, so a diff of the corpus reads well. Files the
fuzzers add (libFuzzer writes into the first corpus directory it is given)
are not touched by --check; the `fuzz` preset gives libFuzzer a scratch
directory first, so the checked-in corpus only changes by this script.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def crlf(*lines):
    return b"".join(line + b"\r\n" for line in lines)


# Real replies, as servers send them (names, addresses and ids changed).
REAL = {
    "greeting_gmail": crlf(b"220 mx.google.com ESMTP a640c23a62f3a-a9a4 - gsmtp"),
    "greeting_multiline": crlf(b"220-mail.example.org ESMTP Postfix", b"220-No UCE", b"220 ready"),
    "ehlo_postfix": crlf(b"250-mail.example.org", b"250-PIPELINING", b"250-SIZE 10240000", b"250-VRFY",
                         b"250-ETRN", b"250-STARTTLS", b"250-ENHANCEDSTATUSCODES", b"250-8BITMIME",
                         b"250-DSN", b"250-SMTPUTF8", b"250 CHUNKING"),
    "ehlo_exchange": crlf(b"250-EX01.corp.example.com Hello [192.0.2.10]", b"250-SIZE 37748736",
                          b"250-AUTH NTLM LOGIN", b"250-X-EXPS GSSAPI NTLM", b"250 XRDST"),
    "ok_queued": crlf(b"250 2.0.0 Ok: queued as 4BKTmv3n7Xz9sWb"),
    "ok_tab_after_code": b"250 2.0.0\tOk: queued as 12345\r\n",
    "data_354": crlf(b"354 End data with <CR><LF>.<CR><LF>"),
    "auth_334": crlf(b"334 VXNlcm5hbWU6"),
    "gmail_user_unknown": crlf(
        b"550-5.1.1 The email account that you tried to reach does not exist. Please try",
        b"550-5.1.1 double-checking the recipient's email address for typos or",
        b"550-5.1.1 unnecessary spaces. For more information, go to",
        b"550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si2345678ejb.123 - gsmtp"),
    "gmail_over_quota": crlf(
        b"552-5.2.2 The recipient's inbox is out of storage space. Please direct the",
        b"552 5.2.2 recipient to https://support.google.com/mail/?p=OverQuotaPerm - gsmtp"),
    "gmail_dmarc": crlf(
        b"550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's",
        b"550-5.7.26 DMARC policy. Please contact the administrator of example.com domain if",
        b"550 5.7.26 this was a legitimate mail. - gsmtp"),
    "gmail_rate": crlf(b"421-4.7.28 Our system has detected an unusual rate of unsolicited mail",
                       b"421 4.7.28 originating from your IP address. - gsmtp"),
    "outlook_blocked": crlf(
        b"550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your "
        b"Internet service provider since part of their network is on our block list (S3140)."),
    "yahoo_deferred": crlf(b"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to "
                           b"unexpected volume or user complaints - 4.16.55.1"),
    "spamhaus": crlf(b"554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
                     b"zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1"),
    "greylist_postfix": crlf(b"450 4.2.0 <user@example.com>: Recipient address rejected: "
                             b"Greylisted, see http://postgrey.schweikert.ch/help/example.com.html"),
    "greylist_exim": crlf(b"451 4.7.1 Greylisting in action, please come back later"),
    "relay_denied": crlf(b"554 5.7.1 <user@example.net>: Relay access denied"),
    "qmail_hash_code": crlf(b"452 #4.5.3 Too many recipients"),
    "qmail_trailing_code": crlf(b"553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"),
    "auth_failed": crlf(b"535 5.7.8 Username and Password not accepted."),
    "starttls_first": crlf(b"530 5.7.0 Must issue a STARTTLS command first."),
    "mailbox_unavailable": crlf(b"550 Requested action not taken: mailbox unavailable"),
    "dns_failed": crlf(b"554 5.4.4 [internal] Domain Lookup Failed"),
    "too_large": crlf(b"552 5.3.4 Message size exceeds fixed maximum message size"),
    "virus": crlf(b"554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature"),
    "spf_fail": crlf(b"550 5.7.23 The message was rejected because of Sender Policy Framework violation"),
    "null_mx": crlf(b"556 5.1.10 Recipient address has null MX"),
    "shutting_down": crlf(b"421 4.3.2 Service shutting down and closing transmission channel"),
    "code_only": b"250\r\n",
    "code_only_multiline": b"250-\r\n250-\r\n250 \r\n",
    "utf8_text": crlf(b"550 5.1.1 Bo\xc3\xaete aux lettres inconnue: \xe7\x94\xa8\xe6\x88\xb7"),
    "pipelined": crlf(b"250 2.1.0 Ok", b"250 2.1.5 Ok", b"354 End data with <CR><LF>.<CR><LF>"),
    "enhanced_only": crlf(b"550 5.1.1"),
    "enhanced_hash_alone": crlf(b"550 #5.1.1"),
    "enhanced_max_numbers": crlf(b"550 5.999.999 odd but valid"),
    # Not enhanced codes: they stay in the text (parsing.md).
    "not_enhanced": crlf(b"550-5.1 too short", b"550-5.1.1.1 too long", b"550-51.1.1 class",
                         b"550-5.01.1 leading zero", b"550-5.1.1000 too big", b"550-6.1.1 class 6",
                         b"550 5.1.1x glued"),
}

# Every diagnostic of parsing.md (default preset).
DIAGNOSTICS = {
    "diag_code_mismatch": crlf(b"220-mail.example.org ESMTP", b"421 4.3.2 too busy"),
    "diag_nonstandard_code": crlf(b"571 Delivery not authorized, message refused"),
    "diag_bare_lf": b"250-first\n250 second\n",
    "diag_long_line": b"250 " + b"x" * 712 + b"\r\n",  # 718 octets, a real 716-ish line
    "diag_non_ascii": b"250 caf\xc3\xa9\r\n",
    "diag_enhanced_mismatch": crlf(b"450 5.7.1 class differs"),
    "diag_enhanced_inconsistent": crlf(b"550-5.1.1 first", b"550-no code", b"550 5.1.2 last"),
    "diag_enhanced_first_found": crlf(b"550-no code here", b"550-5.2.2 this one", b"550 none at the end"),
}

# Every error class of parsing.md.
ERRORS = {
    "incomplete_no_eol": b"250 OK",
    "incomplete_continuation": b"250-first\r\n",
    "incomplete_cr": b"250 OK\r",
    "incomplete_code": b"25",
    "empty_crlf": b"\r\n",
    "empty_lf": b"\n",
    "empty_in_reply": b"250-first\r\n\r\n",
    "bad_code_leading_blank": b" 250 OK\r\n",
    "bad_code_letters": b"OK\r\n",
    "bad_code_class_1": b"150 x\r\n",
    "bad_code_class_6": b"650 x\r\n",
    "bad_code_second_digit": b"2x0 x\r\n",
    "bad_code_third_digit": b"25x x\r\n",
    "bad_code_short": b"25\r\n",
    "bad_code_cr": b"\rX",
    "bad_separator_tab": b"250\tOK\r\n",
    "bad_separator_digit": b"2500 OK\r\n",
    "bad_separator_cr": b"250\rX\r\n",
    "bad_separator_letter": b"250OK\r\n",
    "line_too_long": b"250 " + b"x" * 3000 + b"\r\n",
    "line_too_long_at_limit": b"250 " + b"x" * 2044 + b"\r\n",  # 2050 octets: LF past the limit
    "line_exactly_limit": b"250 " + b"x" * 2042 + b"\r\n",  # 2048 octets: ok
    "too_many_lines": b"250-a\r\n" * 1000 + b"250 a\r\n",
    "bad_character_nul": b"250 a\x00b\r\n",
    "bad_character_del": b"250 a\x7fb\r\n",
    "bad_character_lone_cr": b"250 a\rb\r\n",
    "bad_character_control": b"250 a\x01b\r\n",
    "bad_character_escape": b"250 \x1b[31mred\r\n",
    "error_then_reply": b"250 bad\x00\r\n250 good\r\n",
    # Special bytes deep inside long text, where the scanner reads 8 bytes at a time.
    "bad_character_del_in_word": b"250 abcdefghijklmnopq\x7frstuvwxyz\r\n",
    "bad_character_nul_in_word": b"250 abcdefghijklmnopqr\x00stuvwxyz\r\n",
    "bad_character_us_in_word": b"250 abcdefghijklmnopqrs\x1ftuvwxyz\r\n",
    "bad_character_after_high": b"250 abcdefgh\xc3\xa9ijklmnopqrst\x7fuvw\r\n",
    "lone_cr_in_word": b"250 abcdefghijklmnopqrstu\rvwxyz\r\n",
    "high_byte_in_word": b"250 abcdefghijklmnopqrstuv\xffwxyz\r\n",
    "bare_lf_in_word": b"250 abcdefghijklmnopqrstuvw\n",
}

# Inputs that differ between the presets: errors under strict.
STRICT = {
    "strict_code_mismatch": crlf(b"220-mail.example.org", b"421 closing"),
    "strict_nonstandard": crlf(b"571 refused"),
    "strict_bare_lf": b"250 OK\n",
    "strict_long_line": b"250 " + b"x" * 600 + b"\r\n",
    "strict_exactly_512": b"250 " + b"x" * 506 + b"\r\n",
}

ALL = {}
for group in (REAL, DIAGNOSTICS, ERRORS, STRICT):
    ALL.update(group)


def incremental_seeds():
    """Header: flags, line limit, line count, chunk sizes (fuzz_incremental.cpp)."""
    out = {}
    for name, reply in ALL.items():
        # A byte at a time, default preset (0x00), and strict when the seed is about strict.
        strict = 1 if name.startswith("strict_") else 0
        out[name + ".bytewise"] = bytes([strict, 0, 0]) + reply
        # Chunks of 1, 7 and 64 bytes, one parser for the stream, a restart.
        out[name + ".chunks"] = bytes([(3 << 4) | 0x04 | 0x08 | strict, 0, 0, 1, 7, 64]) + reply
    # Tiny custom limits, so line_too_long and too_many_lines are a few bytes away.
    out["tiny_line_limit"] = bytes([0x02, 8, 7]) + crlf(b"250 1234567890")
    out["tiny_line_limit_cr_at_limit"] = bytes([0x02, 8, 7]) + b"250 abc\r\n"
    out["tiny_line_limit_empty_cr"] = bytes([0x02, 1, 7]) + b"\r\n"
    out["tiny_line_count"] = bytes([0x02, 64, 2]) + crlf(b"250-a", b"250-b", b"250 c")
    out["zero_lines"] = bytes([0x02, 64, 0]) + b"250 a\r\n"
    out["zero_line_length"] = bytes([0x02, 0, 7]) + b"250 a\r\n"
    out["tiny_strict"] = bytes([0x03, 16, 3]) + crlf(b"250-ok", b"251 mismatch")
    out["same_buffer_again"] = bytes([(2 << 4), 0, 0, 0, 3]) + ALL["gmail_user_unknown"]
    return out


def stream_seeds():
    """Byte 0: bit 0 strict, bits 1-7 read size (fuzz_stream.cpp)."""
    session = b"".join([ALL["greeting_gmail"], ALL["ehlo_postfix"], ALL["ok_queued"], ALL["pipelined"],
                        ALL["gmail_user_unknown"], ALL["shutting_down"]])
    messy = b"".join([ALL["greeting_multiline"], ERRORS["bad_character_nul"], ALL["diag_bare_lf"],
                      ERRORS["line_too_long"], ALL["relay_denied"], ERRORS["empty_in_reply"],
                      ERRORS["bad_separator_tab"], ALL["utf8_text"], b"250 cut sh"])
    out = {}
    for size in (1, 2, 3, 7, 16, 100, 0):
        out["session.read%d" % (size or 65536)] = bytes([size << 1]) + session
        out["messy.read%d" % (size or 65536)] = bytes([size << 1]) + messy
    out["messy.strict.read5"] = bytes([(5 << 1) | 1]) + messy
    out["long_line_then_reply.read64"] = bytes([64 << 1]) + ERRORS["line_too_long"] + ALL["ok_queued"]
    out["too_many_lines.read127"] = bytes([127 << 1]) + ERRORS["too_many_lines"] + ALL["ok_queued"]
    out["error_without_lf.read3"] = bytes([3 << 1]) + b"250 a\x00bcdefgh"
    out["empty_input"] = bytes([2])
    return out


def layouts():
    return {
        "parse": dict(ALL),
        "classify": {**{k: b"\x00" + v for k, v in ALL.items()},
                     **{k + ".strict": b"\x01" + v for k, v in ALL.items()}},
        "incremental": incremental_seeds(),
        "stream": stream_seeds(),
    }


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for target, seeds in layouts().items():
        directory = os.path.join(CORPUS, target)
        os.makedirs(directory, exist_ok=True)
        for name, data in sorted(seeds.items()):
            path = os.path.join(directory, name)
            if check:
                try:
                    with open(path, "rb") as f:
                        if f.read() != data:
                            stale.append(path)
                except OSError:
                    stale.append(path)
            else:
                with open(path, "wb") as f:
                    f.write(data)
    if stale:
        print("stale or missing seeds (run tests/fuzz/make_corpus.py):", *stale, sep="\n  ")
        return 1
    if not check:
        print("wrote", sum(len(s) for s in layouts().values()), "seeds under", CORPUS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
