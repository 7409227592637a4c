/* Mustache templates (the logic-less spec with inheritance and dynamic
 * names, lambdas excluded).  Each template is parsed once into a flat token
 * array in which a section holds the index just past its last child;
 * rendering walks that array against a stack of document nodes. */
#include "echo/template.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echo/file.h"

enum {
	DEFAULT_MAX_DEPTH = 64,
	/* Sections open at once in one template.  Rendering recurses once per
	 * level, so this and MAX_LEVEL keep the C stack bounded. */
	MAX_NESTING = 256,
	MAX_LEVEL = 2048,
	MAX_DELIM = 32          /* bytes in one set-delimiter */
};

#define DEFAULT_MAX_OUTPUT ((size_t)64 * 1024 * 1024)
#define MAX_TEMPLATE ((size_t)UINT32_MAX - 1)
#define NOT_FOUND SIZE_MAX

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* ---- Tokens and the template set --------------------------------------- */

enum tok_kind {
	K_TEXT,
	K_VAR,        /* {{name}}, escaped */
	K_RAW,        /* {{{name}}} or {{&name}} */
	K_SECTION,    /* {{#name}} */
	K_INVERTED,   /* {{^name}} */
	K_PARTIAL,    /* {{>name}} */
	K_PARENT,     /* {{<name}}: its block children are the arguments */
	K_BLOCK,      /* {{$name}}: children are the default content */
	/* Only seen by the lexer; the token tree never holds them. */
	K_CLOSE,
	K_COMMENT,
	K_DELIM
};

/* Offsets are 32-bit (templates are limited to MAX_TEMPLATE bytes): a big
 * template makes about one token per 5 bytes, so their size matters. */
struct tok {
	unsigned char kind;
	unsigned char bol;         /* text that starts a source line */
	unsigned char standalone;  /* tag whose line held nothing that prints */
	unsigned char dynamic;     /* {{>*name}}: the name is looked up in data */
	unsigned char removed;     /* lexer: whitespace of a standalone line */
	unsigned char has_strip;   /* block: its content is dedented by strip */
	uint32_t off, len;         /* text bytes, or a tag's name */
	uint32_t at;               /* where the tag (or text) starts */
	uint32_t end;              /* index just past this token's children */
	uint32_t line_start, line_end;  /* standalone tags: the whole line */
	/* Standalone tags: the indentation their content gets (the line's
	 * leading whitespace; for a block, that of its default content). */
	uint32_t ind_off, ind_len;
	uint32_t strip;            /* block: common indentation of its content */
};

struct tmpl {
	struct tmpl *next;         /* hash chain */
	char *name;
	size_t name_len;
	char *path;                /* the file it was read from, or NULL */
	char *src;
	size_t len;
	int state;                 /* 0 not parsed yet, 1 parsed, -1 error */
	struct tok *toks;
	size_t ntoks;
	/* A syntax error is kept and reported again at every use, so each
	 * render that needs the template fails the same way. */
	char *err;
	const char *err_rule;
	size_t err_at;
};

struct echo_templates {
	struct tmpl **buckets;
	size_t nbuckets;           /* a power of two */
	size_t count;
};

static size_t hash_name(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return (size_t)h;
}

static struct tmpl *set_find(const echo_templates *set, const char *name,
                             size_t len)
{
	if (!set || !set->nbuckets)
		return NULL;
	struct tmpl *t = set->buckets[hash_name(name, len) & (set->nbuckets - 1)];
	for (; t; t = t->next)
		if (t->name_len == len && memcmp(t->name, name, len) == 0)
			return t;
	return NULL;
}

static void tmpl_clear_parse(struct tmpl *t)
{
	free(t->toks);
	free(t->err);
	t->toks = NULL;
	t->ntoks = 0;
	t->err = NULL;
	t->err_rule = NULL;
	t->state = 0;
}

static void tmpl_free(struct tmpl *t)
{
	tmpl_clear_parse(t);
	free(t->name);
	free(t->path);
	free(t->src);
	free(t);
}

echo_templates *echo_templates_new(void)
{
	return calloc(1, sizeof(echo_templates));
}

void echo_templates_free(echo_templates *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct tmpl *t = set->buckets[i];
		while (t) {
			struct tmpl *next = t->next;
			tmpl_free(t);
			t = next;
		}
	}
	free(set->buckets);
	free(set);
}

static int set_grow(echo_templates *set)
{
	size_t n = set->nbuckets ? set->nbuckets * 2 : 16;
	struct tmpl **b = calloc(n, sizeof *b);
	if (!b)
		return -1;
	for (size_t i = 0; i < set->nbuckets; i++) {
		struct tmpl *t = set->buckets[i];
		while (t) {
			struct tmpl *next = t->next;
			size_t h = hash_name(t->name, t->name_len) & (n - 1);
			t->next = b[h];
			b[h] = t;
			t = next;
		}
	}
	free(set->buckets);
	set->buckets = b;
	set->nbuckets = n;
	return 0;
}

static char *copy_bytes(const char *s, size_t len)
{
	char *d = malloc(len + 1);
	if (!d)
		return NULL;
	if (len)
		memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

/* Adds or replaces name; path (copied, may be NULL) is what its
 * diagnostics call it. */
static int set_add(echo_templates *set, const char *name, const char *path, const char *text,
                   size_t len)
{
	size_t name_len = strlen(name);
	char *src = copy_bytes(text, len);
	char *where = path ? copy_bytes(path, strlen(path)) : NULL;
	if (!src || (path && !where)) {
		free(src);
		free(where);
		return -1;
	}
	struct tmpl *t = set_find(set, name, name_len);
	if (t) {
		tmpl_clear_parse(t);
		free(t->src);
		free(t->path);
		t->src = src;
		t->len = len;
		t->path = where;
		return 0;
	}
	if (set->count >= set->nbuckets / 4 * 3 && set_grow(set) != 0) {
		free(src);
		free(where);
		return -1;
	}
	t = calloc(1, sizeof *t);
	if (!t || !(t->name = copy_bytes(name, name_len))) {
		free(t);
		free(src);
		free(where);
		return -1;
	}
	t->name_len = name_len;
	t->path = where;
	t->src = src;
	t->len = len;
	size_t h = hash_name(name, name_len) & (set->nbuckets - 1);
	t->next = set->buckets[h];
	set->buckets[h] = t;
	set->count++;
	return 0;
}

int echo_templates_add(echo_templates *set, const char *name,
                       const char *text, size_t len)
{
	return set_add(set, name, NULL, text, len);
}

int echo_templates_add_file(echo_templates *set, const char *name, const char *path,
                            echo_diags *diags)
{
	size_t len;
	char *text = echo_file_read(path, ECHO_TEMPLATE_MAX_BYTES, &len, diags);
	if (!text)
		return -1;
	const char *where = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int rc = echo_text_check(where, text, len, diags);
	if (rc == 0 && set_add(set, name, where, text, len) != 0) {
		echo_diags_add(diags, ECHO_ERROR, where, 0, 0, "memory", "out of memory");
		rc = -1;
	}
	free(text);
	return rc;
}

int echo_templates_has(const echo_templates *set, const char *name)
{
	return set_find(set, name, strlen(name)) != NULL;
}

/* ---- Parsing ----------------------------------------------------------- */

struct parser {
	const char *s;
	size_t n;
	struct tok *toks;
	size_t count, cap;
	char otag[MAX_DELIM], ctag[MAX_DELIM];
	size_t olen, clen;
	size_t line_first;      /* first token of the current line */
	size_t line_tags;       /* tags on it that print nothing themselves */
	int line_blocked;       /* it has printing text or an interpolation */
	int oom;
	echo_buf err;
	const char *err_rule;
	size_t err_at;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Whether s[a..b) is spaces and tabs, with perhaps a line break at the end. */
static int is_blank_text(const char *s, size_t a, size_t b)
{
	if (b > a && s[b - 1] == '\n') {
		b--;
		if (b > a && s[b - 1] == '\r')
			b--;
	}
	for (; a < b; a++)
		if (!is_blank(s[a]))
			return 0;
	return 1;
}

/* Delimiters are short (MAX_DELIM), so this stays linear in practice. */
static size_t find(const char *s, size_t n, size_t from, const char *needle,
                   size_t nlen)
{
	while (from < n && nlen <= n - from) {
		const char *hit = memchr(s + from, needle[0], n - from - nlen + 1);
		if (!hit)
			break;
		size_t at = (size_t)(hit - s);
		if (memcmp(hit, needle, nlen) == 0)
			return at;
		from = at + 1;
	}
	return NOT_FOUND;
}

static size_t syntax_error(struct parser *p, size_t at, const char *rule,
                           const char *fmt, ...) PRINTF_LIKE(4, 5);

static size_t syntax_error(struct parser *p, size_t at, const char *rule,
                           const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	echo_buf_vprintf(&p->err, fmt, ap);
	va_end(ap);
	p->err_at = at;
	p->err_rule = rule;
	return NOT_FOUND;
}

static struct tok *push_tok(struct parser *p, enum tok_kind kind, size_t at)
{
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct tok *toks = realloc(p->toks, cap * sizeof *toks);
		if (!toks) {
			p->oom = 1;
			return NULL;
		}
		p->toks = toks;
		p->cap = cap;
	}
	struct tok *t = &p->toks[p->count++];
	memset(t, 0, sizeof *t);
	t->kind = (unsigned char)kind;
	t->at = (uint32_t)at;
	t->off = (uint32_t)at;
	return t;
}

static int name_eq(const char *s, const struct tok *a, const struct tok *b)
{
	return a->len == b->len && memcmp(s + a->off, s + b->off, a->len) == 0;
}

/* Whether a closing tag closes open, comparing the names as written: a
 * dynamic name is its key with the '*' in front. */
static int closes(const char *s, const struct tok *open, const struct tok *close)
{
	if (open->dynamic == close->dynamic)
		return name_eq(s, open, close);
	const struct tok *d = open->dynamic ? open : close;
	const struct tok *o = open->dynamic ? close : open;
	return o->len == d->len + 1 && s[o->off] == '*'
	       && memcmp(s + o->off + 1, s + d->off, d->len) == 0;
}

/* Ends the current line.  A line whose only output would be whitespace and
 * that holds at least one tag printing nothing (section, partial, comment
 * and so on) is "standalone": its whitespace and line break go, and its
 * leading whitespace becomes the indentation of a partial on it.  Judging
 * whole lines, not single tags, lets "{{<parent}}{{$block}}" and
 * "{{/block}}{{/parent}}" stand alone, as the inheritance spec asks. */
static void finish_line(struct parser *p)
{
	size_t first = p->line_first, last = p->count;
	int standalone = p->line_tags > 0 && !p->line_blocked;
	size_t tags = p->line_tags;
	p->line_first = p->count;
	p->line_tags = 0;
	p->line_blocked = 0;
	if (!standalone)
		return;
	struct tok *f = &p->toks[first], *l = &p->toks[last - 1];
	uint32_t line_start = f->kind == K_TEXT ? f->off : f->at;
	uint32_t line_end = l->kind == K_TEXT ? l->off + l->len : (uint32_t)p->n;
	uint32_t ind_len = f->kind == K_TEXT ? f->len : 0;
	size_t first_tag = f->kind == K_TEXT ? first + 1 : first;
	for (size_t i = first; i < last; i++) {
		struct tok *t = &p->toks[i];
		if (t->kind == K_TEXT) {
			t->removed = 1;
			continue;
		}
		t->standalone = 1;
		t->line_start = line_start;
		t->line_end = line_end;
		t->ind_off = line_start;
		t->ind_len = ind_len;
	}
	/* "{{$block}}{{/block}}" alone on a line keeps its line break: the
	 * spec's "Standalone block" test, where the content put in the block
	 * does not end its last line. */
	if (tags == 2 && first_tag + 1 < last && p->toks[first_tag].kind == K_BLOCK
	    && p->toks[first_tag + 1].kind == K_CLOSE
	    && name_eq(p->s, &p->toks[first_tag], &p->toks[first_tag + 1])
	    && l->kind == K_TEXT && l->len && p->s[l->off + l->len - 1] == '\n') {
		uint32_t keep = l->len >= 2 && p->s[l->off + l->len - 2] == '\r' ? 2 : 1;
		l->off += l->len - keep;
		l->at = l->off;
		l->len = keep;
		l->bol = 0;
		l->removed = 0;
	}
}

/* Adds text s[a..b) as one token per line. */
static int lex_text(struct parser *p, size_t a, size_t b)
{
	while (a < b) {
		const char *nl = memchr(p->s + a, '\n', b - a);
		size_t e = nl ? (size_t)(nl - p->s) + 1 : b;
		struct tok *t = push_tok(p, K_TEXT, a);
		if (!t)
			return -1;
		t->len = (uint32_t)(e - a);
		t->bol = a == 0 || p->s[a - 1] == '\n';
		if (!is_blank_text(p->s, a, e))
			p->line_blocked = 1;
		a = e;
		if (nl)
			finish_line(p);
	}
	return 0;
}

/* The body of a set-delimiter tag: two delimiters separated by spaces. */
static size_t set_delimiters(struct parser *p, size_t at, size_t a, size_t b)
{
	size_t w = a;
	while (w < b && !is_space(p->s[w]))
		w++;
	size_t c = w;
	while (c < b && is_space(p->s[c]))
		c++;
	size_t e = c;
	while (e < b && !is_space(p->s[e]))
		e++;
	if (w == a || c == b || e != b)
		return syntax_error(p, at, "template-syntax",
		                    "set-delimiter tag needs two delimiters separated by a space");
	if (w - a > MAX_DELIM || b - c > MAX_DELIM)
		return syntax_error(p, at, "template-syntax",
		                    "delimiter longer than %d bytes", MAX_DELIM);
	memcpy(p->otag, p->s + a, w - a);
	p->olen = w - a;
	memcpy(p->ctag, p->s + c, b - c);
	p->clen = b - c;
	return 0;
}

/* Reads the tag starting at t; returns the offset just past it, or
 * NOT_FOUND on an error. */
static size_t lex_tag(struct parser *p, size_t t)
{
	const char *s = p->s;
	size_t c = t + p->olen;
	char type = c < p->n ? s[c] : '\0';
	enum tok_kind kind;
	switch (type) {
	case '{': case '&': kind = K_RAW; break;
	case '#': kind = K_SECTION; break;
	case '^': kind = K_INVERTED; break;
	case '/': kind = K_CLOSE; break;
	case '>': kind = K_PARTIAL; break;
	case '<': kind = K_PARENT; break;
	case '$': kind = K_BLOCK; break;
	case '!': kind = K_COMMENT; break;
	case '=': kind = K_DELIM; break;
	default: kind = K_VAR; break;
	}
	size_t body = kind == K_VAR ? c : c + 1;
	char needle[MAX_DELIM + 1];
	size_t nlen = 0;
	if (type == '{' || type == '=')
		needle[nlen++] = type == '{' ? '}' : '=';
	memcpy(needle + nlen, p->ctag, p->clen);
	nlen += p->clen;
	size_t e = find(s, p->n, body, needle, nlen);
	if (e == NOT_FOUND)
		return syntax_error(p, t, "template-syntax",
		                    "unclosed tag: no '%.*s' after it", (int)nlen, needle);
	size_t next = e + nlen;
	size_t a = body, b = e;
	while (a < b && is_space(s[a]))
		a++;
	while (b > a && is_space(s[b - 1]))
		b--;
	if (kind == K_COMMENT || kind == K_DELIM) {
		if (kind == K_DELIM && set_delimiters(p, t, a, b) == NOT_FOUND)
			return NOT_FOUND;
		if (!push_tok(p, kind, t))
			return NOT_FOUND;
		p->line_tags++;
		return next;
	}
	int dynamic = 0;
	if ((kind == K_PARTIAL || kind == K_PARENT || kind == K_CLOSE)
	    && a < b && s[a] == '*') {
		dynamic = 1;
		a++;
		while (a < b && is_space(s[a]))
			a++;
	}
	if (a == b)
		return syntax_error(p, t, "template-syntax", "tag without a name");
	for (size_t i = a; i < b; i++)
		if (is_space(s[i]))
			return syntax_error(p, t, "template-syntax",
			                    "tag name '%.*s' contains a space (or the tag is not closed)",
			                    (int)(b - a), s + a);
	struct tok *k = push_tok(p, kind, t);
	if (!k)
		return NOT_FOUND;
	k->off = (uint32_t)a;
	k->len = (uint32_t)(b - a);
	k->dynamic = (unsigned char)dynamic;
	if (kind == K_VAR || kind == K_RAW)
		p->line_blocked = 1;
	else
		p->line_tags++;
	return next;
}

/* Common leading whitespace of the lines in s[a..b) that are not blank;
 * 0 if all are blank. */
static int common_indent(const char *s, size_t a, size_t b, size_t *off,
                         size_t *len)
{
	int found = 0;
	while (a < b) {
		size_t w = a;
		while (w < b && is_blank(s[w]))
			w++;
		const char *nl = memchr(s + w, '\n', b - w);
		size_t next = nl ? (size_t)(nl - s) + 1 : b;
		int blank = w == b || s[w] == '\n'
		            || (s[w] == '\r' && w + 1 < b && s[w + 1] == '\n');
		if (!blank && !found) {
			*off = a;
			*len = w - a;
			found = 1;
		} else if (!blank) {
			size_t k = 0;
			while (k < *len && k < w - a && s[a + k] == s[*off + k])
				k++;
			*len = k;
		}
		a = next;
	}
	return found;
}

/* A block opened on a line of its own takes the indentation of its content
 * as its own: that content is dedented where it is written and indented
 * again where it is put (the spec's "Block reindentation"). */
static void block_indent(const char *s, struct tok *open, const struct tok *close)
{
	if (!open->standalone)
		return;
	size_t a = open->line_end;
	size_t b = close->standalone ? close->line_start : close->at;
	size_t off = 0, len = 0;
	if (a < b && common_indent(s, a, b, &off, &len)) {
		open->has_strip = 1;
		open->strip = (uint32_t)len;
		open->ind_off = (uint32_t)off;
		open->ind_len = (uint32_t)len;
	}
}

static int is_container(unsigned char kind)
{
	return kind == K_SECTION || kind == K_INVERTED || kind == K_PARENT
	       || kind == K_BLOCK;
}

static size_t show_len(const struct tok *k)
{
	return k->len > 60 ? 60 : k->len;
}

/* Turns the lexed tokens into the tree: drops comments, delimiter tags and
 * standalone whitespace, and matches each closing tag with its opener. */
static size_t build_tree(struct parser *p)
{
	const char *s = p->s;
	/* In place: a token moves only down, over ones already read. */
	struct tok *out = p->toks;
	size_t open[MAX_NESTING];
	size_t m = 0, depth = 0;
	for (size_t i = 0; i < p->count; i++) {
		struct tok *k = &p->toks[i];
		if (k->removed || k->kind == K_COMMENT || k->kind == K_DELIM)
			continue;
		/* Closing tags are dropped, so k is read before anything overwrites it. */
		if (k->kind == K_CLOSE) {
			if (depth == 0) {
				syntax_error(p, k->at, "template-syntax",
				             "closing tag '%s%.*s' without an open section",
				             k->dynamic ? "*" : "", (int)show_len(k), s + k->off);
				goto fail;
			}
			struct tok *o = &out[open[depth - 1]];
			if (!closes(s, o, k)) {
				echo_pos pos = echo_pos_at(s, p->n, o->at);
				syntax_error(p, k->at, "template-syntax",
				             "closing tag '%s%.*s' does not match the open section '%s%.*s' (line %zu)",
				             k->dynamic ? "*" : "", (int)show_len(k), s + k->off,
				             o->dynamic ? "*" : "", (int)show_len(o), s + o->off,
				             pos.line);
				goto fail;
			}
			o->end = (uint32_t)m;
			if (o->kind == K_BLOCK)
				block_indent(s, o, k);
			depth--;
			continue;
		}
		if (is_container(k->kind)) {
			if (depth == MAX_NESTING) {
				syntax_error(p, k->at, "template-depth",
				             "sections nested more than %d deep", MAX_NESTING);
				goto fail;
			}
			open[depth++] = m;
		}
		out[m] = *k;
		out[m].end = (uint32_t)(m + 1);
		m++;
	}
	if (depth) {
		const struct tok *o = &out[open[depth - 1]];
		syntax_error(p, o->at, "template-syntax", "section '%s%.*s' is not closed",
		             o->dynamic ? "*" : "", (int)show_len(o), s + o->off);
		goto fail;
	}
	p->count = m;
	return 0;
fail:
	return NOT_FOUND;
}

/* Returns 0, -1 on a syntax error (kept in t), -2 when memory ran out. */
static int tmpl_parse(struct tmpl *t)
{
	struct parser p;
	memset(&p, 0, sizeof p);
	p.s = t->src;
	p.n = t->len;
	memcpy(p.otag, "{{", 2);
	memcpy(p.ctag, "}}", 2);
	p.olen = p.clen = 2;
	echo_buf_init(&p.err);
	size_t pos = 0;
	size_t rc = 0;
	if (p.n > MAX_TEMPLATE)
		rc = syntax_error(&p, 0, "template-size", "template larger than %zu bytes",
		                  MAX_TEMPLATE);
	while (rc != NOT_FOUND && pos < p.n) {
		size_t at = find(p.s, p.n, pos, p.otag, p.olen);
		size_t text_end = at == NOT_FOUND ? p.n : at;
		if (lex_text(&p, pos, text_end) != 0) {
			rc = NOT_FOUND;
			break;
		}
		pos = text_end;
		if (at != NOT_FOUND)
			pos = rc = lex_tag(&p, at);
	}
	if (rc != NOT_FOUND && p.line_first < p.count)
		finish_line(&p);
	if (rc != NOT_FOUND)
		rc = build_tree(&p);
	if (p.oom || p.err.failed || rc == NOT_FOUND) {
		free(p.toks);
		p.toks = NULL;
	}
	if (p.oom || p.err.failed) {
		echo_buf_free(&p.err);
		return -2;
	}
	if (rc == NOT_FOUND) {
		t->err = echo_buf_detach(&p.err, NULL);
		if (!t->err)
			return -2;
		t->err_rule = p.err_rule;
		t->err_at = p.err_at;
		t->state = -1;
		return -1;
	}
	echo_buf_free(&p.err);
	/* Give back what the dropped tokens used. */
	struct tok *toks = p.toks;
	if (p.count == 0) {
		free(p.toks);
		toks = NULL;
	} else {
		struct tok *shrunk = realloc(p.toks, p.count * sizeof *toks);
		if (shrunk)
			toks = shrunk;
	}
	t->toks = toks;
	t->ntoks = p.count;
	t->state = 1;
	return 0;
}

/* ---- Rendering --------------------------------------------------------- */

/* A parent tag whose block children override blocks of the templates it
 * brings in. */
struct scope {
	const struct tmpl *t;
	size_t parent;
};

struct render {
	echo_templates *set;
	echo_escape_fn escape;
	size_t max_depth, max_output, max_work;
	echo_buf *out;
	size_t out_start;
	echo_diags *diags;
	const echo_node **ctx;     /* the context stack */
	size_t nctx, capctx;
	struct scope *scopes;      /* parent tags being rendered, outermost first */
	size_t nscopes, capscopes;
	echo_buf indent;           /* put before each line of template text */
	int pending;               /* at a line start: indent before output */
	size_t includes;           /* partials, parents and blocks entered */
	size_t level;              /* recursion of render_range */
	size_t work;               /* tokens visited, against max_work */
};

/* The template text being rendered, and how much leading whitespace each
 * of its lines loses (inside a dedented block). */
struct frame {
	const struct tmpl *t;
	size_t strip;
};

static int fail(struct render *r, const struct tmpl *t, size_t at,
                const char *rule, const char *fmt, ...) PRINTF_LIKE(5, 6);

/* What a template's diagnostics call it: the file it came from. */
static const char *tmpl_where(const struct tmpl *t)
{
	return t->path ? t->path : t->name;
}

static int fail(struct render *r, const struct tmpl *t, size_t at,
                const char *rule, const char *fmt, ...)
{
	echo_pos pos = echo_pos_at(t->src, t->len, at);
	va_list ap;
	va_start(ap, fmt);
	echo_diags_vadd(r->diags, ECHO_ERROR, tmpl_where(t), pos.line, pos.col, rule, fmt, ap);
	va_end(ap);
	return -1;
}

static int fail_memory(struct render *r)
{
	echo_diags_add(r->diags, ECHO_ERROR, NULL, 0, 0, "memory",
	               "out of memory while rendering a template");
	return -1;
}

static int ensure_parsed(struct render *r, struct tmpl *t)
{
	if (t->state == 0 && tmpl_parse(t) == -2)
		return fail_memory(r);
	if (t->state < 0) {
		echo_pos pos = echo_pos_at(t->src, t->len, t->err_at);
		echo_diags_add(r->diags, ECHO_ERROR, tmpl_where(t), pos.line, pos.col,
		               t->err_rule, "%s", t->err);
		return -1;
	}
	return 0;
}

static int check_output(struct render *r, const struct frame *f, size_t at)
{
	if (r->out->failed)
		return fail_memory(r);
	if (r->out->len - r->out_start > r->max_output)
		return fail(r, f->t, at, "template-size",
		            "output exceeds %zu bytes", r->max_output);
	return 0;
}

static void put_indent(struct render *r)
{
	if (r->pending) {
		r->pending = 0;
		echo_buf_append(r->out, r->indent.data, r->indent.len);
	}
}

static int emit_text(struct render *r, const struct frame *f, const struct tok *k)
{
	const char *p = f->t->src + k->off;
	size_t len = k->len;
	if (k->bol && f->strip) {
		size_t n = 0;
		while (n < f->strip && n < len && is_blank(p[n]))
			n++;
		p += n;
		len -= n;
	}
	if (len == 0)
		return 0;
	int nl = p[len - 1] == '\n';
	/* An empty line stays empty: no trailing whitespace from indenting. */
	if (r->pending && nl && (len == 1 || (len == 2 && p[0] == '\r')))
		r->pending = 0;
	if (r->out->len - r->out_start + len > r->max_output)
		return fail(r, f->t, k->at, "template-size",
		            "output exceeds %zu bytes", r->max_output);
	put_indent(r);
	echo_buf_append(r->out, p, len);
	if (nl)
		r->pending = 1;
	return check_output(r, f, k->at);
}

/* Shortest digits that read back as the same double ("1.210" gives 1.21),
 * written as JavaScript does: plain notation for exponents from -7 to 20
 * (1000, not 1e+03), else d.ddde+NN.  size must be at least 40. */
static size_t format_double(double v, char *buf, size_t size)
{
	if (v == 0)
		return (size_t)snprintf(buf, size, "0");
	char e[40];
	int prec = 1;
	for (; prec < 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	snprintf(e, sizeof e, "%.*e", prec - 1, v);
	/* e is "[-]d[.ddd]e[+-]NN": collect the digits and the exponent. */
	char digits[20];
	int nd = 0;
	const char *p = e;
	int neg = *p == '-';
	if (neg)
		p++;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && nd < (int)sizeof digits - 1)
			digits[nd++] = *p;
	digits[nd] = '\0';
	int exp = *p == 'e' ? atoi(p + 1) : 0;
	size_t n = 0;   /* at most 1 + 21 + 1 + 17 bytes, within size */
	if (neg)
		buf[n++] = '-';
	if (exp >= 21 || exp <= -7) {
		buf[n++] = digits[0];
		if (nd > 1) {
			buf[n++] = '.';
			memcpy(buf + n, digits + 1, (size_t)nd - 1);
			n += (size_t)nd - 1;
		}
		n += (size_t)snprintf(buf + n, size - n, "e%c%d", exp < 0 ? '-' : '+',
		                      exp < 0 ? -exp : exp);
	} else if (exp < 0) {
		buf[n++] = '0';
		buf[n++] = '.';
		for (int i = -1; i > exp; i--)
			buf[n++] = '0';
		memcpy(buf + n, digits, (size_t)nd);
		n += (size_t)nd;
	} else {
		for (int i = 0; i < nd || i <= exp; i++) {
			if (i == exp + 1)
				buf[n++] = '.';
			buf[n++] = i < nd ? digits[i] : '0';
		}
	}
	buf[n] = '\0';
	return n;
}

/* The text a value interpolates as; 0 for nothing (null, lists, maps). */
static int scalar_text(const echo_node *n, char *num, size_t size,
                       const char **text, size_t *len)
{
	if (!n || n->type == ECHO_NODE_NULL || n->type == ECHO_NODE_SEQ
	    || n->type == ECHO_NODE_MAP)
		return 0;
	if (n->type == ECHO_NODE_FLOAT && isfinite(n->number)) {
		*len = format_double(n->number, num, size);
		*text = num;
		return 1;
	}
	if (!n->text)
		return 0;
	*text = n->text;
	*len = n->text_len;
	return 1;
}

static const echo_node *map_get(const echo_node *map, const char *key,
                                size_t len)
{
	if (!map || map->type != ECHO_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++) {
		const echo_pair *p = &map->pairs[i];
		const echo_node *k = p->key;
		if (!k || k->duplicate || !p->value || !k->text || k->text_len != len)
			continue;
		if (memcmp(k->text, key, len) == 0)
			return p->value;
	}
	return NULL;
}

/* Spec name resolution: the first part is looked up through the context
 * stack, top down; later parts only inside what the previous one found. */
static const echo_node *resolve(struct render *r, const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	const char *dot = memchr(name, '.', len);
	size_t part = dot ? (size_t)(dot - name) : len;
	const echo_node *n = NULL;
	size_t walked = 0;
	for (size_t i = r->nctx; i-- > 0 && !n; walked++)
		n = map_get(r->ctx[i], name, part);
	/* A deep context stack makes lookups slow: charge the levels walked
	 * to the work limit. */
	r->work += walked;
	size_t pos = part;
	while (n && pos < len) {
		pos++;
		dot = memchr(name + pos, '.', len - pos);
		size_t e = dot ? (size_t)(dot - name) : len;
		n = map_get(n, name + pos, e - pos);
		pos = e;
	}
	return n;
}

/* Falsey: missing, null, false, an empty list, and an empty string (an
 * empty field is the usual reason to leave a section out). */
static int is_falsey(const echo_node *n)
{
	if (!n)
		return 1;
	switch (n->type) {
	case ECHO_NODE_NULL: return 1;
	case ECHO_NODE_BOOL: return !n->boolean;
	case ECHO_NODE_SEQ: return n->count == 0;
	case ECHO_NODE_STRING: return n->text_len == 0;
	default: return 0;
	}
}

static int emit_value(struct render *r, const struct frame *f,
                      const struct tok *k)
{
	const echo_node *n = resolve(r, f->t->src + k->off, k->len);
	char num[40];
	const char *text;
	size_t len;
	if (!scalar_text(n, num, sizeof num, &text, &len) || len == 0)
		return 0;
	/* Escaping only lengthens: refuse early what cannot fit anyway. */
	if (len > r->max_output - (r->out->len - r->out_start))
		return fail(r, f->t, k->at, "template-size",
		            "output exceeds %zu bytes", r->max_output);
	put_indent(r);
	if (k->kind == K_VAR)
		r->escape(r->out, text, len);
	else
		echo_buf_append(r->out, text, len);
	return check_output(r, f, k->at);
}

static int push_ctx(struct render *r, const echo_node *n)
{
	if (r->nctx == r->capctx) {
		size_t cap = r->capctx ? r->capctx * 2 : 16;
		const echo_node **ctx = realloc(r->ctx, cap * sizeof *ctx);
		if (!ctx)
			return fail_memory(r);
		r->ctx = ctx;
		r->capctx = cap;
	}
	r->ctx[r->nctx++] = n;
	return 0;
}

static int push_scope(struct render *r, const struct tmpl *t, size_t parent)
{
	if (r->nscopes == r->capscopes) {
		size_t cap = r->capscopes ? r->capscopes * 2 : 8;
		struct scope *s = realloc(r->scopes, cap * sizeof *s);
		if (!s)
			return fail_memory(r);
		r->scopes = s;
		r->capscopes = cap;
	}
	r->scopes[r->nscopes].t = t;
	r->scopes[r->nscopes].parent = parent;
	r->nscopes++;
	return 0;
}

/* A standalone tag's content is indented by the tag's indentation, less
 * what the enclosing block strips from its own lines. */
static int add_indent(struct render *r, const struct frame *f, const struct tok *k)
{
	size_t skip = f->strip < k->ind_len ? f->strip : k->ind_len;
	echo_buf_append(&r->indent, f->t->src + k->ind_off + skip, k->ind_len - skip);
	return r->indent.failed ? fail_memory(r) : 0;
}

static int render_range(struct render *r, const struct frame *f,
                        size_t i, size_t end);

static int render_section(struct render *r, const struct frame *f, size_t i)
{
	const struct tok *k = &f->t->toks[i];
	const echo_node *n = resolve(r, f->t->src + k->off, k->len);
	if (is_falsey(n))
		return 0;
	size_t count = n->type == ECHO_NODE_SEQ ? n->count : 1;
	for (size_t j = 0; j < count; j++) {
		if (push_ctx(r, n->type == ECHO_NODE_SEQ ? n->items[j] : n) != 0)
			return -1;
		int rc = render_range(r, f, i + 1, k->end);
		r->nctx--;
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* {{>name}} and {{<name}}: renders another template of the set here. */
static int render_include(struct render *r, const struct frame *f, size_t i)
{
	const struct tok *k = &f->t->toks[i];
	const char *name = f->t->src + k->off;
	size_t len = k->len;
	char num[40];
	if (k->dynamic && !scalar_text(resolve(r, name, len), num, sizeof num,
	                               &name, &len))
		return 0;
	struct tmpl *t = set_find(r->set, name, len);
	if (!t)
		return 0;   /* the spec: a missing partial renders as nothing */
	if (r->includes >= r->max_depth)
		return fail(r, f->t, k->at, "template-depth",
		            "partials and parents nested more than %zu deep (recursive partial?)",
		            r->max_depth);
	if (ensure_parsed(r, t) != 0)
		return -1;
	size_t saved = r->indent.len;
	if (k->standalone && add_indent(r, f, k) != 0)
		return -1;
	int rc = k->kind == K_PARENT ? push_scope(r, f->t, i) : 0;
	if (rc == 0) {
		struct frame sub = {t, 0};
		r->includes++;
		rc = render_range(r, &sub, 0, t->ntoks);
		r->includes--;
		if (k->kind == K_PARENT)
			r->nscopes--;
	}
	r->indent.len = saved;
	return rc;
}

/* {{$name}}: the content an enclosing parent tag gives for the name (the
 * outermost one wins, as the spec asks), or else the default content. */
static int render_block(struct render *r, const struct frame *f, size_t i)
{
	const struct tok *k = &f->t->toks[i];
	struct frame sub = {f->t, k->has_strip ? k->strip : f->strip};
	size_t begin = i + 1, end = k->end;
	int overridden = 0;
	for (size_t s = 0; s < r->nscopes && !overridden; s++) {
		const struct tmpl *pt = r->scopes[s].t;
		size_t pi = r->scopes[s].parent;
		for (size_t j = pi + 1; j < pt->toks[pi].end; j = pt->toks[j].end) {
			const struct tok *b = &pt->toks[j];
			if (b->kind == K_BLOCK && b->len == k->len
			    && memcmp(pt->src + b->off, f->t->src + k->off, k->len) == 0) {
				sub.t = pt;
				sub.strip = b->has_strip ? b->strip : 0;
				begin = j + 1;
				end = b->end;
				overridden = 1;
				break;
			}
		}
	}
	/* Content that names its own block would recurse: count it. */
	if (overridden && r->includes >= r->max_depth)
		return fail(r, f->t, k->at, "template-depth",
		            "blocks nested more than %zu deep", r->max_depth);
	size_t saved = r->indent.len;
	if (k->standalone && add_indent(r, f, k) != 0)
		return -1;
	r->includes += (size_t)overridden;
	int rc = render_range(r, &sub, begin, end);
	r->includes -= (size_t)overridden;
	r->indent.len = saved;
	return rc;
}

static int render_range(struct render *r, const struct frame *f,
                        size_t i, size_t end)
{
	const struct tmpl *t = f->t;
	size_t at = i < t->ntoks ? t->toks[i].at : 0;
	if (r->level >= MAX_LEVEL)
		return fail(r, t, at, "template-depth",
		            "templates and sections nested more than %d deep", MAX_LEVEL);
	/* Nesting is bounded, but sections and partials can still multiply
	 * work exponentially without output; cap it. */
	if (++r->work > r->max_work)
		return fail(r, t, at, "template-size", "rendering takes too many steps");
	r->level++;
	int rc = 0;
	while (i < end && rc == 0) {
		const struct tok *k = &t->toks[i];
		if (++r->work > r->max_work) {
			rc = fail(r, t, k->at, "template-size",
			          "rendering takes too many steps");
			break;
		}
		switch ((enum tok_kind)k->kind) {
		case K_TEXT:
			rc = emit_text(r, f, k);
			break;
		case K_VAR:
		case K_RAW:
			rc = emit_value(r, f, k);
			break;
		case K_SECTION:
			rc = render_section(r, f, i);
			break;
		case K_INVERTED:
			if (is_falsey(resolve(r, t->src + k->off, k->len)))
				rc = render_range(r, f, i + 1, k->end);
			break;
		case K_PARTIAL:
		case K_PARENT:
			rc = render_include(r, f, i);
			break;
		case K_BLOCK:
			rc = render_block(r, f, i);
			break;
		case K_CLOSE:
		case K_COMMENT:
		case K_DELIM:
			break;
		}
		i = k->end;
	}
	r->level--;
	return rc;
}

int echo_templates_render(echo_templates *set, const char *name,
                          const echo_node *data,
                          const echo_render_options *options,
                          echo_buf *out, echo_diags *diags)
{
	struct tmpl *t = set_find(set, name, strlen(name));
	if (!t) {
		echo_diags_add(diags, ECHO_ERROR, name, 0, 0, "template-missing",
		               "no template named '%s'", name);
		return -1;
	}
	struct render r;
	memset(&r, 0, sizeof r);
	r.set = set;
	r.out = out;
	r.out_start = out->len;
	r.diags = diags;
	r.escape = options && options->escape ? options->escape : echo_escape_html;
	r.max_depth = options && options->max_depth ? options->max_depth : DEFAULT_MAX_DEPTH;
	r.max_output = options && options->max_output ? options->max_output : DEFAULT_MAX_OUTPUT;
	r.max_work = r.max_output > SIZE_MAX / 8 ? SIZE_MAX : r.max_output * 4 + (1u << 20);
	r.pending = 1;
	echo_buf_init(&r.indent);
	int rc = ensure_parsed(&r, t);
	if (rc == 0)
		rc = push_ctx(&r, data);
	if (rc == 0) {
		struct frame f = {t, 0};
		rc = render_range(&r, &f, 0, t->ntoks);
	}
	if (rc == 0 && out->failed)
		rc = fail_memory(&r);
	free(r.ctx);
	free(r.scopes);
	echo_buf_free(&r.indent);
	return rc;
}
