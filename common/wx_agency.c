/*
 * The agency table and its lookups. One row per spelling: the spelling
 * as printed, the canonical name it stands for, and the forms it takes
 * in copy. Lookups compare a key (ASCII letters lower-cased, digits and
 * non-ASCII bytes kept, other bytes dropped), so punctuation and case
 * never split the agency facet.
 */
#include "wx_agency.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct spelling {
    const char *printed;    /* as in copy */
    const char *canon;      /* the name the index stores */
    int forms;              /* WX_AGENCY_* bits; 0: metadata only */
} spelling;

enum {
    P = WX_AGENCY_PAREN,
    L = WX_AGENCY_LINE,
    T = WX_AGENCY_TAIL,
    B = WX_AGENCY_BARE,
    STD = P | L,
    ALL = P | L | T
};

/* Canonical names first in each group; docs/formats.md lists the
 * conventions behind the forms. */
static const spelling table[] = {
    {"Reuters", "Reuters", ALL | B},
    {"Reuter", "Reuters", ALL | B},
    {"Thomson Reuters", "Reuters", P},
    {"Reuters News", "Reuters", 0},
    {"reuters.com", "Reuters", P},
    {"AP", "AP", ALL | B},
    {"Associated Press", "AP", STD},
    {"The Associated Press", "AP", 0},
    {"APW", "AP", 0},
    {"AFP", "AFP", ALL | B},
    {"Agence France-Presse", "AFP", STD},
    {"Agence France Presse", "AFP", STD},
    {"EFE", "EFE", ALL | B},
    {"Agencia EFE", "EFE", 0},
    {"Xinhua", "Xinhua", ALL | B},
    {"Enditem", "Xinhua", L | T},
    {"XIN", "Xinhua", 0},
    {"XIE", "Xinhua", 0},
    {"Xinhua News Agency", "Xinhua", 0},
    {"dpa", "dpa", ALL | B},
    {"Deutsche Presse-Agentur", "dpa", 0},
    {"ANSA", "ANSA", ALL | B},
    {"UPI", "UPI", STD},
    {"United Press International", "UPI", 0},
    {"Kyodo", "Kyodo", STD | B},
    {"Kyodo News", "Kyodo", STD | B},
    {"Jiji", "Jiji", STD},
    {"Jiji Press", "Jiji", STD},
    {"NYT", "NYT", STD},
    {"New York Times", "NYT", 0},
    {"The New York Times", "NYT", 0},
    {"NYT News Service", "NYT", P},
    {"Bloomberg", "Bloomberg", STD},
    {"Bloomberg News", "Bloomberg", 0},
    {"Dow Jones", "Dow Jones", P},
    {"Dow Jones Newswires", "Dow Jones", P},
    {"TASS", "TASS", STD | B},
    {"ITAR-TASS", "TASS", STD | B},
    {"Interfax", "Interfax", STD | B},
    {"RIA Novosti", "RIA Novosti", STD},
    {"Yonhap", "Yonhap", STD | B},
    {"Yonhap News Agency", "Yonhap", 0},
    {"PTI", "PTI", STD},
    {"Press Trust of India", "PTI", 0},
    {"IANS", "IANS", STD},
    {"Indo-Asian News Service", "IANS", 0},
    {"ANI", "ANI", P},
    {"AAP", "AAP", STD},
    {"Australian Associated Press", "AAP", 0},
    {"CNA", "CNA", STD},
    {"Bernama", "Bernama", STD},
    {"Antara", "Antara", STD},
    {"Anadolu", "Anadolu", STD},
    {"AA", "Anadolu", P},
    {"Anadolu Agency", "Anadolu", 0},
    {"Anadolu Ajansi", "Anadolu", 0},
    {"Europa Press", "Europa Press", STD},
    {"Prensa Latina", "Prensa Latina", STD},
    {"Notimex", "Notimex", STD},
    {"IPS", "IPS", STD},
    {"Inter Press Service", "IPS", 0},
    {"CP", "CP", P},
    {"Canadian Press", "CP", STD | B},
    {"The Canadian Press", "CP", STD | B},
    {"La Presse Canadienne", "CP", STD},
    {"PA", "PA", P},
    {"Press Association", "PA", STD},
    {"PA Media", "PA", STD},
    {"GlobeNewswire", "GlobeNewswire", STD},
    {"Globe Newswire", "GlobeNewswire", STD},
    {"globenewswire.com", "GlobeNewswire", 0},
    {"PRNewswire", "PR Newswire", STD | B},
    {"PR Newswire", "PR Newswire", STD | B},
    {"Business Wire", "Business Wire", STD | B},
    {"BUSINESS WIRE", "Business Wire", STD | B},
    {"ATS", "ATS", STD},
    {"SDA", "ATS", STD},
    {"Keystone-ATS", "ATS", STD},
    {"Ritzau", "Ritzau", STD | B},
    {"ANP", "ANP", STD},
    {"Belga", "Belga", STD},
    {"APA", "APA", STD},
    {"Lusa", "Lusa", STD},
    {"STT", "STT", STD},
    {"TT", "TT", P},
    {"NTB", "NTB", STD},
    {"CTK", "CTK", STD},
    {"PAP", "PAP", STD},
    {"MTI", "MTI", STD},
    {"AGI", "AGI", STD},
    {"Adnkronos", "Adnkronos", STD},
    {"Sputnik", "Sputnik", STD},
    {"IRNA", "IRNA", STD},
    {"WAFA", "WAFA", STD},
    {"MENA", "MENA", STD},
    {"CNN", "CNN", STD},
    /* LDC Gigaword source codes of joint services. */
    {"LTW", "LA Times/Washington Post", 0},
    {"LA Times/Washington Post", "LA Times/Washington Post", 0},
    {"WPB", "Washington Post/Bloomberg", 0},
    {"Washington Post/Bloomberg", "Washington Post/Bloomberg", 0},
    {"Variety", "Variety", P},
    {"Variety.com", "Variety", P},
};

enum { KEY_MAX = 64 };

static char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool key_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* The comparison key of s[0..n); false when empty or too long to be
 * a known agency. */
static bool make_key(const char *s, size_t n, char key[KEY_MAX])
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!key_byte((unsigned char)s[i]))
            continue;
        if (k + 1 >= KEY_MAX)
            return false;
        key[k++] = lower_ascii(s[i]);
    }
    key[k] = '\0';
    return k > 0;
}

static bool key_is(const char *printed, const char *key)
{
    char k2[KEY_MAX];
    return make_key(printed, strlen(printed), k2) && strcmp(k2, key) == 0;
}

/* s[0..n) is t as printed, or t in ASCII capitals. */
static bool eq_printed(const char *s, size_t n, const char *t)
{
    if (strlen(t) != n)
        return false;
    if (memcmp(s, t, n) == 0)
        return true;
    for (size_t i = 0; i < n; i++) {
        char up = t[i] >= 'a' && t[i] <= 'z' ? (char)(t[i] - 'a' + 'A')
                                             : t[i];
        if (s[i] != up)
            return false;
    }
    return true;
}

/* forms == 0: any row, metadata-only ones too. */
static const spelling *lookup(const char *s, size_t n, int forms)
{
    char key[KEY_MAX];
    if (!make_key(s, n, key))
        return NULL;
    for (size_t i = 0; i < COUNT(table); i++) {
        const spelling *r = &table[i];
        if (forms != 0 && !(r->forms & forms))
            continue;
        if (!key_is(r->printed, key))
            continue;
        /* A sign-off at the end of a sentence must look like one. */
        if (forms == WX_AGENCY_TAIL && !eq_printed(s, n, r->printed))
            continue;
        return r;
    }
    return NULL;
}

const char *wx_agency_canon(const char *s, size_t n)
{
    const spelling *r = lookup(s, n, 0);
    return r != NULL ? r->canon : NULL;
}

const char *wx_agency_find(const char *s, size_t n, int forms)
{
    const spelling *r = forms != 0 ? lookup(s, n, forms) : NULL;
    return r != NULL ? r->canon : NULL;
}

/* A separator between the credits of one byline: '/', '-', '+', '&',
 * ',', '|', an en/em dash (3 bytes), and a space when spaces is set.
 * Returns its length or 0. */
static size_t separator(const char *s, size_t n, size_t i, bool spaces)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '/' || c == '-' || c == '+' || c == '&' || c == ',' ||
        c == '|' || (spaces && c == ' '))
        return 1;
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] >= 0x93 && (unsigned char)s[i + 2] <= 0x95)
        return 3;
    return 0;
}

/* Add the known agencies among the parts of s[0..n) to out[*k]; a part
 * that is not known is split again at spaces ("ats afp"). */
static void collect(const char *s, size_t n, bool spaces, const char *out[2],
                    size_t *k, bool *unknown)
{
    size_t b = 0;
    for (size_t i = 0; i <= n && *k < 2;) {
        size_t sep = i < n ? separator(s, n, i, spaces) : 1;
        if (sep == 0) {
            i++;
            continue;
        }
        if (i > b) {
            const char *c = wx_agency_canon(s + b, i - b);
            if (c == NULL && !spaces)
                collect(s + b, i - b, true, out, k, unknown);
            else if (c == NULL)
                *unknown = true;
            else if (c != NULL && (*k == 0 || strcmp(out[0], c) != 0))
                out[(*k)++] = c;
        }
        i += sep;
        b = i;
    }
}

size_t wx_agency_credits(const char *s, size_t n, const char *out[2],
                         bool *unknown)
{
    bool dummy = false;
    if (unknown == NULL)
        unknown = &dummy;
    *unknown = false;
    out[0] = out[1] = NULL;
    size_t k = 0;
    if ((out[0] = wx_agency_canon(s, n)) != NULL)
        return 1;
    collect(s, n, false, out, &k, unknown);
    return k;
}
