/*
 * UTF-8 checking and clean-up for text from the wire: strict decoding
 * (no overlongs, no surrogates, nothing past U+10FFFF), repair of invalid
 * bytes as Latin-1, removal of control characters, and cutting a string
 * at a character boundary. Not a Unicode library: case mapping lives in
 * wx_xapian (wx_xapian_lower), and no normalisation is done.
 */
#ifndef WX_UTF8_H
#define WX_UTF8_H

#include "wx_buf.h"
#include "wx_status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* U+FFFD REPLACEMENT CHARACTER, encoded. */
#define WX_UTF8_REPLACEMENT "\xEF\xBF\xBD"

/*
 * Decode the character at the start of p[0..n). Returns its length
 * (1 to 4) and stores the code point in *cp (cp may be NULL), or returns
 * 0 when p does not start with a well-formed sequence: n == 0, a stray
 * continuation byte, a truncated sequence, an overlong form, a surrogate
 * (U+D800..U+DFFF) or a value past U+10FFFF.
 */
size_t wx_utf8_decode(const char *p, size_t n, uint32_t *cp);

/*
 * Encode code point cp into out. Returns the length (1 to 4), or 0 when
 * cp is a surrogate or past U+10FFFF (out is then untouched).
 */
size_t wx_utf8_encode(uint32_t cp, char out[4]);

/* True when all of p[0..n) is well-formed UTF-8 (NUL bytes included). */
bool wx_utf8_valid(const char *p, size_t n);

/*
 * Append p[0..n) to out, turning every byte that is not part of a
 * well-formed sequence into the character with the same value in
 * Latin-1 (0xFC becomes U+00FC "ü"), which is what old wire archives
 * such as Reuters-21578 mostly mean. Overlongs, surrogates, truncated
 * sequences and values past U+10FFFF are repaired byte by byte. The
 * result is always valid UTF-8. Sets *repairs (when not NULL) to the
 * number of bytes repaired. Returns out's status: WX_OK, or WX_ENOMEM /
 * WX_ETOOBIG (sticky in out; repairs at most double the size).
 */
wx_status wx_utf8_repair(const char *p, size_t n, wx_buf *out,
                         size_t *repairs /* OUT */);

/*
 * Remove control characters from s[0..n) in place: U+0000..U+001F except
 * tab and newline (so CR and ESC go), DEL (U+007F) and the C1 controls
 * U+0080..U+009F encoded as UTF-8 ("\xC2\x80".."\xC2\x9F"). Bytes that
 * are not well-formed UTF-8 are left alone (repair first). Returns the
 * new length; when it is below n, s[result] is set to NUL.
 */
size_t wx_utf8_strip_controls(char *s, size_t n);

/*
 * The largest length <= max at which s[0..n) can be cut without
 * splitting a well-formed character (n itself when n <= max). Stray
 * continuation bytes of invalid input may be cut anywhere.
 */
size_t wx_utf8_truncate(const char *s, size_t n, size_t max);

/*
 * The first position at or after p in s[0..n) that is not ASCII white
 * space or a no-break space (U+00A0): what wire copy puts between the
 * parts of a dateline or a date. n when there is none.
 */
size_t wx_utf8_skip_space(const char *s, size_t n, size_t p);

/*
 * Fold the accents of Latin letters in s[0..n) in place, for matching
 * place and agency names whatever their spelling: U+00C0..U+017F become
 * their lower-case base letters ("São" -> "sao", "Ærø" -> "aero",
 * "Łódź" -> "lodz", "ß" -> "ss"); other bytes stay. The result is never
 * longer; returns its length and NUL-terminates it when shorter.
 */
size_t wx_utf8_unaccent(char *s, size_t n);

#endif
