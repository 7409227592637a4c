/* IANA time zones read straight from the TZif files of the system time
 * zone database (RFC 8536), with the POSIX TZ rule of the footer for
 * times past the last listed transition.  This avoids setenv("TZ") and
 * tzset(), which change process-wide state and are not re-entrant. */
#include "echo/calendar.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "echo/suggest.h"

enum {
	MAX_FILE = 1 << 20,   /* real TZif files are a few KiB */
	MAX_TYPES = 256
};

struct posix_rule {
	int kind;           /* 'M' (month.week.day), 'J' (Julian 1-365, no Feb 29), 'D' (0-365) */
	int month, week, weekday;   /* weekday 0 Sunday, as POSIX writes it */
	int day;
	long time;          /* seconds after local midnight; may be negative or > 24 h */
};

struct posix_tz {
	int valid;
	int has_dst;
	echo_tz_info std, dst;
	struct posix_rule start, end;
};

struct echo_tz {
	char *name;
	int64_t *times;       /* transition instants, ascending */
	unsigned char *idx;   /* type index of each transition */
	size_t count;
	echo_tz_info *types;
	size_t type_count;
	struct posix_tz footer;
};

/* Names ------------------------------------------------------------------- */

static int valid_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 255 || name[0] == '/' || name[n - 1] == '/')
		return 0;
	const char *seg = name;
	for (const char *p = name;; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == seg || seg[0] == '.')   /* empty, ".", ".." or hidden */
				return 0;
			if (*p == '\0')
				return 1;
			seg = p + 1;
			continue;
		}
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '+' || c == '.'))
			return 0;
	}
}

static const char *tz_dir(void)
{
	const char *dir = getenv("TZDIR");
	return dir && dir[0] ? dir : "/usr/share/zoneinfo";
}

/* TZif -------------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	uint64_t v = (uint64_t)be32(p) << 32 | be32(p + 4);
	return (int64_t)v;
}

struct header {
	int version;
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static int read_header(const unsigned char *p, size_t len, struct header *h)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return -1;
	h->version = p[4] ? p[4] - '0' : 1;
	h->isutcnt = be32(p + 20);
	h->isstdcnt = be32(p + 24);
	h->leapcnt = be32(p + 28);
	h->timecnt = be32(p + 32);
	h->typecnt = be32(p + 36);
	h->charcnt = be32(p + 40);
	if (h->typecnt == 0 || h->typecnt > MAX_TYPES || h->charcnt == 0 ||
	    (h->isutcnt && h->isutcnt != h->typecnt) || (h->isstdcnt && h->isstdcnt != h->typecnt) ||
	    h->timecnt > MAX_FILE || h->leapcnt > MAX_FILE || h->charcnt > MAX_FILE)
		return -1;
	return 0;
}

static size_t data_size(const struct header *h, int time_size)
{
	return (size_t)h->timecnt * (size_t)time_size + h->timecnt + (size_t)h->typecnt * 6 +
	       h->charcnt + (size_t)h->leapcnt * (size_t)(time_size + 4) + h->isstdcnt + h->isutcnt;
}

static void copy_abbr(char *out, const char *chars, size_t charcnt, size_t at)
{
	size_t n = 0;
	while (at + n < charcnt && chars[at + n] && n + 1 < sizeof ((echo_tz_info *)0)->abbr) {
		out[n] = chars[at + n];
		n++;
	}
	out[n] = '\0';
}

/* POSIX TZ strings ("CST6CDT,M3.2.0,M11.1.0") ------------------------------- */

static const char *parse_name(const char *p, char *out, size_t cap)
{
	size_t n = 0;
	if (*p == '<') {
		p++;
		while (*p && *p != '>') {
			if (n + 1 < cap)
				out[n++] = *p;
			p++;
		}
		if (*p != '>' || n < 3)
			return NULL;
		p++;
	} else {
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			if (n + 1 < cap)
				out[n++] = *p;
			p++;
		}
		if (n < 3)
			return NULL;
	}
	out[n] = '\0';
	return p;
}

/* [+-]hh[:mm[:ss]], hh up to 167 (RFC 8536 allows that in rule times). */
static const char *parse_hms(const char *p, long *out)
{
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (*p < '0' || *p > '9')
		return NULL;
	long h = 0, m = 0, s = 0;
	while (*p >= '0' && *p <= '9' && h <= 167)
		h = h * 10 + (*p++ - '0');
	if (h > 167)
		return NULL;
	if (*p == ':') {
		p++;
		if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
			return NULL;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			p++;
			if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
				return NULL;
			s = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
		}
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return p;
}

static const char *parse_int(const char *p, int *out, int lo, int hi)
{
	if (*p < '0' || *p > '9')
		return NULL;
	int v = 0;
	while (*p >= '0' && *p <= '9' && v <= hi)
		v = v * 10 + (*p++ - '0');
	if (v < lo || v > hi)
		return NULL;
	*out = v;
	return p;
}

static const char *parse_rule(const char *p, struct posix_rule *r)
{
	if (*p == 'M') {
		r->kind = 'M';
		if (!(p = parse_int(p + 1, &r->month, 1, 12)) || *p++ != '.' ||
		    !(p = parse_int(p, &r->week, 1, 5)) || *p++ != '.' ||
		    !(p = parse_int(p, &r->weekday, 0, 6)))
			return NULL;
	} else if (*p == 'J') {
		r->kind = 'J';
		if (!(p = parse_int(p + 1, &r->day, 1, 365)))
			return NULL;
	} else {
		r->kind = 'D';
		if (!(p = parse_int(p, &r->day, 0, 365)))
			return NULL;
	}
	r->time = 7200;
	if (*p == '/' && !(p = parse_hms(p + 1, &r->time)))
		return NULL;
	return p;
}

static void parse_posix(const char *s, struct posix_tz *tz)
{
	memset(tz, 0, sizeof *tz);
	long off;
	const char *p = parse_name(s, tz->std.abbr, sizeof tz->std.abbr);
	if (!p || !(p = parse_hms(p, &off)))
		return;
	/* POSIX offsets count west of Greenwich: "CST6" is UTC-6. */
	tz->std.offset = (int)-off;
	if (*p == '\0') {
		tz->valid = 1;
		return;
	}
	if (!(p = parse_name(p, tz->dst.abbr, sizeof tz->dst.abbr)))
		return;
	tz->dst.offset = tz->std.offset + 3600;
	tz->dst.is_dst = 1;
	if (*p && *p != ',') {
		if (!(p = parse_hms(p, &off)))
			return;
		tz->dst.offset = (int)-off;
	}
	if (*p != ',')
		return;   /* no rules: POSIX leaves them to the implementation */
	if (!(p = parse_rule(p + 1, &tz->start)) || *p != ',' ||
	    !(p = parse_rule(p + 1, &tz->end)) || *p)
		return;
	tz->has_dst = 1;
	tz->valid = 1;
}

/* The local midnight-based day number of a rule's date in a year. */
static long rule_day(const struct posix_rule *r, int year)
{
	if (r->kind == 'M') {
		int weekday = (r->weekday + 6) % 7;   /* POSIX 0 Sunday -> 0 Monday */
		return echo_nth_weekday(year, r->month, weekday, r->week == 5 ? -1 : r->week);
	}
	long jan1 = echo_days_from_civil(year, 1, 1);
	if (r->kind == 'D')
		return jan1 + r->day;
	/* Jn counts 1-365 and never Feb 29. */
	long d = jan1 + r->day - 1;
	if (r->day >= 60 && echo_days_in_month(year, 2) == 29)
		d++;
	return d;
}

/* UTC instants at which daylight time starts and ends in a year. */
static void posix_year(const struct posix_tz *tz, int year, int64_t *start, int64_t *end)
{
	*start = (int64_t)rule_day(&tz->start, year) * 86400 + tz->start.time - tz->std.offset;
	*end = (int64_t)rule_day(&tz->end, year) * 86400 + tz->end.time - tz->dst.offset;
}

static int year_of(int64_t t)
{
	long days = (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	int y, m, d;
	echo_civil_from_days(days, &y, &m, &d);
	return y;
}

static void posix_at(const struct posix_tz *tz, int64_t utc, echo_tz_info *info)
{
	if (!tz->has_dst) {
		*info = tz->std;
		return;
	}
	int64_t start, end;
	posix_year(tz, year_of(utc + tz->std.offset), &start, &end);
	int dst = start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
	*info = dst ? tz->dst : tz->std;
}

/* Loading ------------------------------------------------------------------ */

static echo_tz_status parse_tzif(echo_tz *tz, const unsigned char *p, size_t len)
{
	struct header h;
	if (read_header(p, len, &h) != 0)
		return ECHO_TZ_CORRUPT;
	int time_size = 4;
	size_t v1 = 44 + data_size(&h, 4);
	if (v1 > len)
		return ECHO_TZ_CORRUPT;
	const unsigned char *data = p + 44;
	const unsigned char *end = p + len;
	if (h.version >= 2) {
		if (read_header(p + v1, len - v1, &h) != 0 || v1 + 44 + data_size(&h, 8) > len)
			return ECHO_TZ_CORRUPT;
		time_size = 8;
		data = p + v1 + 44;
	}
	tz->count = h.timecnt;
	tz->type_count = h.typecnt;
	tz->times = calloc(h.timecnt ? h.timecnt : 1, sizeof *tz->times);
	tz->idx = calloc(h.timecnt ? h.timecnt : 1, 1);
	tz->types = calloc(h.typecnt, sizeof *tz->types);
	if (!tz->times || !tz->idx || !tz->types)
		return ECHO_TZ_NO_MEMORY;
	const unsigned char *q = data;
	for (size_t i = 0; i < h.timecnt; i++, q += time_size) {
		tz->times[i] = time_size == 8 ? be64(q) : (int64_t)(int32_t)be32(q);
		if (i && tz->times[i] <= tz->times[i - 1])
			return ECHO_TZ_CORRUPT;
	}
	for (size_t i = 0; i < h.timecnt; i++, q++) {
		if (*q >= h.typecnt)
			return ECHO_TZ_CORRUPT;
		tz->idx[i] = *q;
	}
	const unsigned char *types = q;
	const char *chars = (const char *)(types + (size_t)h.typecnt * 6);
	for (size_t i = 0; i < h.typecnt; i++) {
		const unsigned char *t = types + i * 6;
		int32_t off = (int32_t)be32(t);
		if (off < -89999 || off > 93599 || t[4] > 1 || t[5] >= h.charcnt)
			return ECHO_TZ_CORRUPT;
		tz->types[i].offset = off;
		tz->types[i].is_dst = t[4];
		copy_abbr(tz->types[i].abbr, chars, h.charcnt, t[5]);
	}
	if (time_size == 8) {
		const unsigned char *footer = data + data_size(&h, 8);
		if (footer < end && *footer == '\n') {
			const unsigned char *nl = memchr(footer + 1, '\n', (size_t)(end - footer - 1));
			if (nl && nl - footer - 1 < 128) {
				char s[128];
				memcpy(s, footer + 1, (size_t)(nl - footer - 1));
				s[nl - footer - 1] = '\0';
				if (s[0])
					parse_posix(s, &tz->footer);
			}
		}
	}
	return ECHO_TZ_OK;
}

echo_tz_status echo_tz_load(const char *name, echo_tz **out)
{
	*out = NULL;
	if (!valid_name(name))
		return ECHO_TZ_BAD_NAME;
	const char *dir = tz_dir();
	size_t plen = strlen(dir) + strlen(name) + 2;
	char *path = malloc(plen);
	if (!path)
		return ECHO_TZ_NO_MEMORY;
	snprintf(path, plen, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return ECHO_TZ_NOT_FOUND;
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return ECHO_TZ_NOT_FOUND;
	}
	if (st.st_size <= 0 || st.st_size > MAX_FILE) {
		fclose(f);
		return ECHO_TZ_CORRUPT;
	}
	size_t len = (size_t)st.st_size;
	unsigned char *data = malloc(len);
	if (!data) {
		fclose(f);
		return ECHO_TZ_NO_MEMORY;
	}
	size_t got = fread(data, 1, len, f);
	fclose(f);
	echo_tz *tz = calloc(1, sizeof *tz);
	echo_tz_status rc = ECHO_TZ_NO_MEMORY;
	if (tz && (tz->name = strdup(name)))
		rc = got == len ? parse_tzif(tz, data, len) : ECHO_TZ_CORRUPT;
	free(data);
	if (rc != ECHO_TZ_OK) {
		echo_tz_free(tz);
		return rc;
	}
	*out = tz;
	return ECHO_TZ_OK;
}

void echo_tz_free(echo_tz *tz)
{
	if (!tz)
		return;
	free(tz->name);
	free(tz->times);
	free(tz->idx);
	free(tz->types);
	free(tz);
}

const char *echo_tz_name(const echo_tz *tz)
{
	return tz->name;
}

/* Lookups ------------------------------------------------------------------ */

/* Index of the last transition at or before t, or -1. */
static long find(const echo_tz *tz, int64_t t)
{
	long lo = 0, hi = (long)tz->count - 1, ans = -1;
	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		if (tz->times[mid] <= t) {
			ans = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return ans;
}

void echo_tz_at(const echo_tz *tz, int64_t utc, echo_tz_info *info)
{
	long i = find(tz, utc);
	if (tz->footer.valid && (tz->count == 0 || i == (long)tz->count - 1)) {
		posix_at(&tz->footer, utc, info);
		return;
	}
	/* Before the first transition, RFC 8536 says type 0 applies. */
	*info = tz->types[i < 0 ? 0 : tz->idx[i]];
}

int64_t echo_tz_to_utc(const echo_tz *tz, int64_t local, int *gap)
{
	/* Offsets a day either side of the wall time: transitions are never
	 * closer together than that, so one of them (or both, when the time
	 * repeats) gives an instant whose offset agrees. */
	echo_tz_info before, after, check;
	echo_tz_at(tz, local - 86400 - 50400, &before);
	echo_tz_at(tz, local + 86400 + 50400, &after);
	int64_t a = local - before.offset, b = local - after.offset;
	echo_tz_at(tz, a, &check);
	int a_ok = check.offset == before.offset;
	echo_tz_at(tz, b, &check);
	int b_ok = check.offset == after.offset;
	if (gap)
		*gap = !a_ok && !b_ok;
	if (a_ok && b_ok)
		return a < b ? a : b;
	if (a_ok)
		return a;
	if (b_ok)
		return b;
	/* In a gap: read with the offset from before, as a clock that was not
	 * moved would, which lands as far past the change as the time was. */
	return a;
}

static int same_info(const echo_tz_info *a, const echo_tz_info *b)
{
	return a->offset == b->offset && a->is_dst == b->is_dst && strcmp(a->abbr, b->abbr) == 0;
}

static size_t push_transition(echo_tz_transition *out, size_t max, size_t n, int64_t at,
                              const echo_tz_info *before, const echo_tz_info *after)
{
	if (same_info(before, after))
		return n;
	if (n < max) {
		out[n].at = at;
		out[n].before = *before;
		out[n].after = *after;
	}
	return n + 1;
}

size_t echo_tz_transitions(const echo_tz *tz, int64_t from, int64_t to,
                           echo_tz_transition *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < tz->count; i++) {
		if (tz->times[i] <= from || tz->times[i] > to)
			continue;
		echo_tz_info before = tz->types[i ? tz->idx[i - 1] : 0];
		n = push_transition(out, max, n, tz->times[i], &before, &tz->types[tz->idx[i]]);
	}
	if (!tz->footer.valid || !tz->footer.has_dst)
		return n;
	int64_t last = tz->count ? tz->times[tz->count - 1] : INT64_MIN;
	if (to <= last)
		return n;
	int64_t lo = from > last ? from : last;
	for (int y = year_of(lo) - 1; y <= year_of(to) + 1; y++) {
		int64_t start, end;
		posix_year(&tz->footer, y, &start, &end);
		int64_t first = start < end ? start : end, second = start < end ? end : start;
		const echo_tz_info *s = &tz->footer.std, *d = &tz->footer.dst;
		if (first > lo && first <= to)
			n = push_transition(out, max, n, first, start < end ? s : d, start < end ? d : s);
		if (second > lo && second <= to)
			n = push_transition(out, max, n, second, start < end ? d : s, start < end ? s : d);
	}
	return n;
}

int echo_tz_rule_get(const echo_tz *tz, echo_tz_rule *rule)
{
	const struct posix_tz *f = &tz->footer;
	if (!f->valid || !f->has_dst || f->start.kind != 'M' || f->end.kind != 'M')
		return 0;
	rule->std = f->std;
	rule->dst = f->dst;
	rule->start_month = f->start.month;
	rule->start_week = f->start.week;
	rule->start_weekday = (f->start.weekday + 6) % 7;
	rule->start_time = (int)f->start.time;
	rule->end_month = f->end.month;
	rule->end_week = f->end.week;
	rule->end_weekday = (f->end.weekday + 6) % 7;
	rule->end_time = (int)f->end.time;
	return 1;
}

/* Suggestions -------------------------------------------------------------- */

static int lower_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	return *a == *b;
}

/* Looks for name's last part among the entries of one folder of the
 * database, with the same folder prefix. */
static void suggest_in(const char *dir, const char *prefix, const char *leaf, char *best,
                       size_t cap, size_t *best_d)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strchr(e->d_name, '.'))
			continue;
		size_t dist = lower_equal(e->d_name, leaf) ? 0 : echo_edit_distance(leaf, e->d_name, 3);
		/* Only words that differ by a typo, never a different city. */
		size_t limit = strlen(leaf) < 6 ? 1 : 2;
		if (dist <= limit && dist < *best_d &&
		    strlen(prefix) + strlen(e->d_name) + 2 <= cap) {
			strcpy(best, prefix);
			if (prefix[0])
				strcat(best, "/");
			strcat(best, e->d_name);
			*best_d = dist;
		}
	}
	closedir(d);
}

int echo_tz_suggest(const char *name, char *out, size_t cap)
{
	if (strlen(name) > 200 || strstr(name, ".."))
		return 0;
	char prefix[256] = "", leaf[256], dir[1024];
	const char *slash = strrchr(name, '/');
	snprintf(leaf, sizeof leaf, "%s", slash ? slash + 1 : name);
	if (slash)
		snprintf(prefix, sizeof prefix, "%.*s", (int)(slash - name), name);
	/* Spaces for underscores is the commonest slip ("New York"). */
	for (char *p = leaf; *p; p++)
		if (*p == ' ')
			*p = '_';
	size_t best_d = SIZE_MAX;
	char best[256] = "";
	if (slash) {
		/* The folder itself may be misspelt or mis-cased ("america"). */
		DIR *d = opendir(tz_dir());
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			if (lower_equal(e->d_name, prefix) ||
			    echo_edit_distance(prefix, e->d_name, 1) <= 1) {
				snprintf(dir, sizeof dir, "%s/%s", tz_dir(), e->d_name);
				suggest_in(dir, e->d_name, leaf, best, sizeof best, &best_d);
			}
		}
		if (d)
			closedir(d);
	} else {
		suggest_in(tz_dir(), "", leaf, best, sizeof best, &best_d);
	}
	if (!best[0] || strcmp(best, name) == 0)
		return 0;
	snprintf(out, cap, "%s", best);
	return 1;
}

/* US zone names as people write them.  Compared ignoring case; "CST" is
 * US Central here, never China or Cuba, and nothing maps to Central
 * European time. */
static const struct {
	const char *alias, *zone, *what;
} us_zones[] = {
	{"Eastern", "America/New_York", "US Eastern time"},
	{"ET", "America/New_York", "US Eastern time"},
	{"EST", "America/New_York", "US Eastern time"},
	{"EDT", "America/New_York", "US Eastern time"},
	{"Central", "America/Chicago", "US Central time"},
	{"CT", "America/Chicago", "US Central time"},
	{"CST", "America/Chicago", "US Central time"},
	{"CDT", "America/Chicago", "US Central time"},
	{"Mountain", "America/Denver", "US Mountain time"},
	{"MT", "America/Denver", "US Mountain time"},
	{"MST", "America/Denver", "US Mountain time (Arizona, without daylight saving time, is America/Phoenix)"},
	{"MDT", "America/Denver", "US Mountain time"},
	{"Pacific", "America/Los_Angeles", "US Pacific time"},
	{"PT", "America/Los_Angeles", "US Pacific time"},
	{"PST", "America/Los_Angeles", "US Pacific time"},
	{"PDT", "America/Los_Angeles", "US Pacific time"},
	{"Arizona", "America/Phoenix", "Arizona time, without daylight saving time"},
	{"Alaska", "America/Anchorage", "Alaska time"},
	{"AKST", "America/Anchorage", "Alaska time"},
	{"AKDT", "America/Anchorage", "Alaska time"},
	{"Hawaii", "Pacific/Honolulu", "Hawaii time"},
	{"HST", "Pacific/Honolulu", "Hawaii time"},
};

const char *echo_tz_us_alias(const char *name, const char **what)
{
	for (size_t i = 0; i < sizeof us_zones / sizeof us_zones[0]; i++) {
		const char *a = us_zones[i].alias;
		size_t k = 0;
		while (name[k] && a[k] && (name[k] | 0x20) == (a[k] | 0x20))
			k++;
		/* "Central Time", "Eastern time" too. */
		const char *rest = name + k;
		if (!a[k] && (!*rest || strcmp(rest, " time") == 0 || strcmp(rest, " Time") == 0)) {
			if (what)
				*what = us_zones[i].what;
			return us_zones[i].zone;
		}
	}
	return NULL;
}
