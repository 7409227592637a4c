/* The case interview: the case format's table walked in order, one
 * question a field, each answer checked and screened as it is given, the
 * answers saved as a case file after each one.  No terminal here: the
 * tool asks through a callback (cmd/case_interview.c). */
#include "echo/intake.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct echo_interview {
	char *save_path;
	echo_stream *stream;        /* the answers' maps and lists */
	echo_node *root;
	echo_stream **loaded;       /* each answer's own stream, and a resumed file's */
	size_t loaded_count, loaded_cap;
	const echo_node *saved;     /* the resumed answers, or NULL */
	char *marker;               /* the question to resume at, or NULL */
	int replaying;
	int dirty;                  /* answers not saved yet */
	char *next;                 /* the question being asked */
	size_t asked;
	echo_ask_fn ask;
	void *ctx;
	echo_diags *diags;
	echo_buf answer, text, problem, note;
	int has_problem, has_note;
	const char *instrument;     /* of the screening entry being asked */
	const char *kind;           /* the case's kind, once answered */
};

#define MARKER "# next question: "

echo_interview *echo_interview_new(const char *save_path)
{
	echo_interview *iv = calloc(1, sizeof *iv);
	if (!iv)
		return NULL;
	echo_diags d = ECHO_DIAGS_INIT;
	iv->stream = echo_stream_load("interview", "", 0, NULL, &d);
	echo_diags_free(&d);
	iv->root = iv->stream ? echo_stream_new_map(iv->stream) : NULL;
	iv->save_path = save_path ? strdup(save_path) : NULL;
	if (!iv->root || (save_path && !iv->save_path)) {
		echo_interview_free(iv);
		return NULL;
	}
	return iv;
}

void echo_interview_free(echo_interview *iv)
{
	if (!iv)
		return;
	for (size_t i = 0; i < iv->loaded_count; i++)
		echo_stream_free(iv->loaded[i]);
	free(iv->loaded);
	echo_stream_free(iv->stream);
	free(iv->save_path);
	free(iv->marker);
	free(iv->next);
	echo_buf_free(&iv->answer);
	echo_buf_free(&iv->text);
	echo_buf_free(&iv->problem);
	echo_buf_free(&iv->note);
	free(iv);
}

static int keep_stream(echo_interview *iv, echo_stream *s)
{
	if (iv->loaded_count == iv->loaded_cap) {
		size_t cap = iv->loaded_cap ? 2 * iv->loaded_cap : 16;
		echo_stream **grown = realloc(iv->loaded, cap * sizeof *grown);
		if (!grown) {
			echo_stream_free(s);
			return -1;
		}
		iv->loaded = grown;
		iv->loaded_cap = cap;
	}
	iv->loaded[iv->loaded_count++] = s;
	return 0;
}

int echo_interview_resume(echo_interview *iv, const char *path, echo_diags *diags)
{
	size_t errors = diags->errors;
	echo_stream *s = echo_stream_load_file(path, NULL, diags);
	if (!s || keep_stream(iv, s) != 0)
		return -1;
	if (diags->errors > errors)
		return -1;
	if (s->doc_count != 1 || s->docs[0]->type != ECHO_NODE_MAP) {
		echo_diags_add(diags, ECHO_ERROR, s->path, 1, 1, "resume",
		               "this is not a case an interview saved: it should hold one case");
		return -1;
	}
	iv->saved = s->docs[0];
	iv->replaying = 1;
	const char *m = strstr(s->source, "\n" MARKER);
	if (m) {
		m += strlen(MARKER) + 1;
		size_t n = strcspn(m, "\r\n");
		iv->marker = strndup(m, n);
		if (!iv->marker)
			return -1;
	}
	return 0;
}

void echo_interview_yaml(const echo_interview *iv, int unfinished, echo_buf *out)
{
	if (unfinished) {
		echo_buf_puts(out, "# An unfinished case interview: continue it with\n"
		                   "#   echo-case new --interview --resume THIS-FILE\n");
		if (iv->next)
			echo_buf_printf(out, MARKER "%s\n", iv->next);
	}
	echo_schema_write(&echo_case_schema, iv->root, out, NULL, NULL);
}

static int save(echo_interview *iv)
{
	if (!iv->save_path || !iv->dirty)
		return 0;
	echo_buf out = ECHO_BUF_INIT;
	echo_interview_yaml(iv, 1, &out);
	int rc = out.failed ? -1
	                    : echo_file_write_flags(iv->save_path, out.data, out.len,
	                                            ECHO_OUTPUT_IN_PLACE, iv->diags);
	echo_buf_free(&out);
	if (rc == 0)
		iv->dirty = 0;
	return rc;
}

/* Asks q, or during a resume's replay returns 2 for a question answered
 * before (the saved answer stands).  Replay ends at the question the
 * interview stopped at, or without that mark at the first one not
 * answered. */
static int ask(echo_interview *iv, echo_question *q, int answered)
{
	if (iv->replaying) {
		if (iv->marker ? strcmp(q->path, iv->marker) != 0 : answered)
			return 2;
		iv->replaying = 0;
	}
	free(iv->next);
	iv->next = strdup(q->path);
	if (!iv->next || save(iv) != 0)
		return -1;
	/* Asked again after a problem, a question keeps its number. */
	q->number = iv->has_problem ? iv->asked : ++iv->asked;
	q->text = echo_buf_cstr(&iv->text);
	q->problem = iv->has_problem ? echo_buf_cstr(&iv->problem) : NULL;
	q->note = iv->has_note ? echo_buf_cstr(&iv->note) : NULL;
	echo_buf_clear(&iv->answer);
	int rc = iv->ask(iv->ctx, q, &iv->answer);
	iv->has_problem = iv->has_note = 0;
	echo_buf_clear(&iv->problem);
	echo_buf_clear(&iv->note);
	if (rc > 0) {
		/* Trimmed: a stray space should not make "severe " unknown. */
		echo_buf_cstr(&iv->answer);
		while (iv->answer.len && isspace((unsigned char)iv->answer.data[iv->answer.len - 1]))
			iv->answer.data[--iv->answer.len] = '\0';
		size_t lead = 0;
		while (lead < iv->answer.len && isspace((unsigned char)iv->answer.data[lead]))
			lead++;
		memmove(iv->answer.data, iv->answer.data + lead, iv->answer.len - lead + 1);
		iv->answer.len -= lead;
	}
	return rc < 0 ? -1 : rc > 0;
}

static void problem(echo_interview *iv, const char *fmt, const char *arg)
{
	echo_buf_clear(&iv->problem);
	echo_buf_printf(&iv->problem, fmt, arg);
	iv->has_problem = 1;
}

/* The question text: the field's help, its type, an example. */
static void describe(echo_interview *iv, const char *path, const echo_field *f, int required)
{
	echo_buf *t = &iv->text;
	echo_buf_clear(t);
	echo_buf_printf(t, "%s: %s\n", path, f->description ? f->description : "");
	switch (f->type) {
	case ECHO_FIELD_INT:
		echo_buf_puts(t, "  A whole number");
		if (f->min < f->max)
			echo_buf_printf(t, " from %g to %g", f->min, f->max);
		for (size_t i = 0; f->values && f->values[i]; i++)
			echo_buf_printf(t, ", or %s", f->values[i]);
		break;
	case ECHO_FIELD_DATE:
		echo_buf_puts(t, "  A date, written YYYY-MM-DD");
		break;
	case ECHO_FIELD_ENUM:
		echo_buf_puts(t, (f->flags & ECHO_FIELD_OPEN) ? "  Usually one of: " : "  One of: ");
		for (size_t i = 0; f->values && f->values[i]; i++)
			echo_buf_printf(t, "%s%s", i ? ", " : "", f->values[i]);
		break;
	case ECHO_FIELD_TEXT:
		echo_buf_puts(t, "  Free text on one line, as you would say it");
		break;
	default:
		echo_buf_puts(t, "  Text on one line");
	}
	echo_buf_puts(t, required ? "; required" : "; Enter to skip");
	if (f->example && f->example[0] != '|')
		echo_buf_printf(t, ".\n  For example: %s", f->example);
	echo_buf_puts(t, ".\n");
}

static void describe_instruments(echo_interview *iv)
{
	echo_buf_puts(&iv->text, "  Known instruments (score range):");
	for (const echo_instrument *i = echo_instruments; i->name; i++)
		echo_buf_printf(&iv->text, "%s %s (%d-%d)", i == echo_instruments ? "" : ",", i->name,
		                i->min, i->max);
	echo_buf_puts(&iv->text, ".\n");
}

static void describe_bands(echo_interview *iv, const echo_instrument *inst)
{
	echo_buf_printf(&iv->text, "  %s (%s) scores %d to %d:", inst->name, inst->measures,
	                inst->min, inst->max);
	for (const echo_band *b = inst->bands; b->label; b++)
		echo_buf_printf(&iv->text, "%s %d-%d %s", b == inst->bands ? "" : ";", b->low, b->high,
		                b->label);
	echo_buf_puts(&iv->text, ".\n");
}

/* One answer made a value of the field's type: a tiny YAML document
 * "name: value", quoted unless it is a whole number for a number field,
 * loaded so that the checks and the screen read it as they read a file. */
static echo_node *answer_node(echo_interview *iv, const char *name, const echo_field *f,
                              const char *text, echo_stream **out)
{
	echo_buf y = ECHO_BUF_INIT;
	echo_buf_printf(&y, "%s: ", name);
	size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
	int digits = text[i] != '\0' && strspn(text + i, "0123456789") == strlen(text + i);
	if (f->type == ECHO_FIELD_INT && digits && strlen(text) < 10)
		echo_buf_puts(&y, text);
	else
		echo_escape_yaml_quoted(&y, text, strlen(text));
	echo_buf_putc(&y, '\n');
	echo_diags d = ECHO_DIAGS_INIT;
	echo_stream *s = y.failed ? NULL : echo_stream_load("answer", y.data, y.len, NULL, &d);
	echo_buf_free(&y);
	echo_diags_free(&d);
	*out = s;
	if (!s || keep_stream(iv, s) != 0) {
		*out = NULL;
		return NULL;
	}
	return s->doc_count == 1 ? s->docs[0] : NULL;
}

/* Enum answers in any case, and instruments by any of their spellings,
 * are the value as the format spells it. */
static const char *canonical(const char *name, const echo_field *f, const char *text)
{
	const echo_instrument *inst = strcmp(name, "instrument") == 0 ? echo_instrument_find(text)
	                                                              : NULL;
	if (inst)
		return inst->name;
	for (size_t i = 0; f->type == ECHO_FIELD_ENUM && f->values && f->values[i]; i++)
		if (strcasecmp(f->values[i], text) == 0)
			return f->values[i];
	return text;
}

/* Checks and screens one answer.  Returns the value, or NULL with the
 * problem set (or on memory running out, *failed set). */
static echo_node *take(echo_interview *iv, const char *name, const echo_field *f,
                       unsigned flags, const char *text, int *failed)
{
	echo_stream *s;
	echo_node *doc = answer_node(iv, name, f, canonical(name, f, text), &s);
	if (!doc) {
		*failed = 1;
		return NULL;
	}
	echo_field one[2] = {*f, {NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL}};
	one[0].key = name;
	one[0].flags = (f->flags | flags) & ~(unsigned)ECHO_FIELD_REQUIRED;
	echo_schema schema = {echo_case_schema.id, NULL, NULL, one};
	echo_diags d = ECHO_DIAGS_INIT;
	echo_schema_validate(&schema, s, doc, &d);
	if (!d.errors)
		echo_schema_screen(&schema, s, doc, NULL, &d);
	echo_node *value = doc->pairs[0].value;
	for (size_t i = 0; i < d.count && value; i++) {
		const echo_diag *g = &d.items[i];
		if (g->severity == ECHO_WARNING) {
			echo_buf_printf(&iv->note, "%s%s", iv->has_note ? "; " : "", g->message);
			iv->has_note = 1;
		}
		if (g->severity != ECHO_ERROR)
			continue;
		if (strncmp(g->rule, "phi-", 4) != 0) {
			problem(iv, "%s", g->message);
			value = NULL;
		} else if (!iv->has_problem) {
			problem(iv, "%s", g->message);
			value = NULL;
		}
	}
	if (d.failed)
		*failed = 1;
	echo_diags_free(&d);
	return value;
}

/* The value of one field: asked until an answer passes, or skipped.
 * *value is NULL when skipped. */
static int ask_value(echo_interview *iv, const char *path, const char *name,
                     const echo_field *f, unsigned flags, int required, const echo_node *saved,
                     echo_node **value)
{
	*value = NULL;
	char *refused = NULL;   /* an answer refused for possible PHI */
	for (;;) {
		describe(iv, path, f, required);
		const echo_instrument *inst = NULL;
		if (strcmp(name, "instrument") == 0)
			describe_instruments(iv);
		if (strcmp(name, "score") == 0) {
			const char *which = iv->instrument;
			inst = which ? echo_instrument_find(which) : NULL;
			if (inst)
				describe_bands(iv, inst);
		}
		echo_question q = {ECHO_ASK_VALUE, path, f, NULL, required, NULL, NULL, 0};
		int rc = ask(iv, &q, saved && saved->type != ECHO_NODE_NULL);
		if (rc == 2) {
			*value = (echo_node *)saved;
			break;
		}
		if (rc <= 0) {
			free(refused);
			return rc;
		}
		const char *text = echo_buf_cstr(&iv->answer);
		if (!*text) {
			if (!required)
				break;
			problem(iv, "%s needs an answer", path);
			continue;
		}
		int failed = 0, was_phi = refused && strcmp(refused, text) == 0;
		echo_node *v = take(iv, name, f, was_phi ? 0 : flags, text, &failed);
		if (failed) {
			free(refused);
			return -1;
		}
		if (!v) {
			if (strstr(echo_buf_cstr(&iv->problem), "possible ")) {
				free(refused);
				refused = strdup(text);
				echo_buf_puts(&iv->problem,
				              ": this may identify the patient. Say it another way (\"her "
				              "sister\", \"a town nearby\", \"2 days ago\"), or enter the "
				              "same text again if it is not PHI: the case's check will then "
				              "list it for a reviewer.");
			}
			continue;
		}
		if (inst && v->type == ECHO_NODE_INT) {
			const echo_band *b = echo_instrument_band(inst, (int)v->integer);
			if (!b) {
				echo_buf_clear(&iv->problem);
				echo_buf_printf(&iv->problem, "%s scores run from %d to %d; %lld is outside",
				                inst->name, inst->min, inst->max, v->integer);
				iv->has_problem = 1;
				continue;
			}
			echo_buf_printf(&iv->note, "%s %lld: %s (%d-%d)", inst->name, v->integer, b->label,
			                b->low, b->high);
			iv->has_note = 1;
		}
		if (strcmp(name, "instrument") == 0 && !echo_instrument_find(v->text) &&
		    !(refused && strcmp(refused, text) == 0)) {
			free(refused);
			refused = strdup(text);
			problem(iv, "'%s' is not an instrument the toolkit knows, so its score will "
			            "have no band: check the spelling, or enter it again to keep it", text);
			continue;
		}
		*value = v;
		iv->dirty = 1;
		break;
	}
	free(refused);
	return 1;
}

/* A yes-or-no question: *yes set, or the interview stopped (0) or
 * failed (-1). */
static int ask_yes(echo_interview *iv, echo_ask_kind kind, const char *path,
                   const echo_field *f, int answered, int *yes)
{
	for (;;) {
		echo_question q = {kind, path, f, NULL, 0, NULL, NULL, 0};
		int rc = ask(iv, &q, answered);
		if (rc == 2) {
			*yes = answered;
			return 1;
		}
		if (rc <= 0)
			return rc;
		const char *a = echo_buf_cstr(&iv->answer);
		if (!*a || strcasecmp(a, "n") == 0 || strcasecmp(a, "no") == 0) {
			*yes = 0;
			return 1;
		}
		if (strcasecmp(a, "y") == 0 || strcasecmp(a, "yes") == 0) {
			*yes = 1;
			return 1;
		}
		problem(iv, "answer y (yes) or n (no); Enter alone is no%s", "");
	}
}

static const echo_node *saved_item(const echo_node *saved, size_t n)
{
	if (saved && saved->type == ECHO_NODE_SEQ)
		return n < saved->count ? saved->items[n] : NULL;
	return n == 0 && saved && echo_node_is_scalar(saved) ? saved : NULL;
}

static int walk_map(echo_interview *iv, const echo_field *fields, echo_node *map,
                    const echo_node *saved, const char *prefix, unsigned flags);

/* A list: of groups of fields (each asked for after a yes), of values
 * (until an empty answer), or a Markdown field that needs at least one
 * text (the questions for the hub). */
static int walk_list(echo_interview *iv, const echo_field *f, echo_node *seq,
                     const echo_node *saved, const char *path, unsigned flags)
{
	const echo_field *item = f->type == ECHO_FIELD_LIST ? f->item : f;
	int rc = 1;
	for (size_t n = 0; rc == 1; n++) {
		char at[320];
		snprintf(at, sizeof at, "%s[%zu]", path, n + 1);
		const echo_node *had = saved_item(saved, n);
		if (item->type == ECHO_FIELD_MAP) {
			echo_buf_clear(&iv->text);
			echo_buf_printf(&iv->text, "%s: %s\n  Add %s item? (y/N)\n", path,
			                f->description ? f->description : "", n ? "another" : "an");
			int yes = 0;
			rc = ask_yes(iv, ECHO_ASK_MORE, at, f, had != NULL, &yes);
			if (rc != 1 || !yes)
				break;
			echo_node *m = echo_stream_new_map(iv->stream);
			if (!m || echo_stream_seq_push(iv->stream, seq, m) != 0)
				return -1;
			iv->instrument = NULL;
			rc = walk_map(iv, item->fields, m, had, at, flags);
		} else {
			echo_node *v;
			int required = (f->flags & ECHO_FIELD_NONEMPTY) && n == 0;
			rc = ask_value(iv, at, f->key, item, flags, required, had, &v);
			if (rc != 1 || !v)
				break;
			if (echo_stream_seq_push(iv->stream, seq, v) != 0)
				return -1;
		}
	}
	return rc;
}

static int walk_map(echo_interview *iv, const echo_field *fields, echo_node *map,
                    const echo_node *saved, const char *prefix, unsigned flags)
{
	for (const echo_field *f = fields; f->key; f++) {
		int top = !*prefix;
		if (top && strcmp(f->key, "schema") == 0) {
			echo_node *id = echo_stream_new_string(iv->stream, echo_case_schema.id,
			                                       strlen(echo_case_schema.id));
			if (!id || echo_stream_map_set(iv->stream, map, f->key, id) != 0)
				return -1;
			continue;
		}
		/* A reviewer's block, not the presenter's; a practice case has
		 * no patient. */
		if (top && (strcmp(f->key, "deid") == 0 ||
		            (strcmp(f->key, "patient") == 0 && iv->kind &&
		             strcmp(iv->kind, "practice") == 0)))
			continue;
		char path[256];
		snprintf(path, sizeof path, "%s%s%s", prefix, top ? "" : ".", f->key);
		unsigned eff = flags | (f->flags & ECHO_FIELD_SCREENS);
		const echo_node *had = saved ? echo_node_get(saved, f->key) : NULL;
		int required = (f->flags & ECHO_FIELD_REQUIRED) != 0;
		int rc;
		if (f->type == ECHO_FIELD_MAP) {
			int yes = 1;
			if (!required) {
				echo_buf_clear(&iv->text);
				echo_buf_printf(&iv->text, "%s: %s\n  Fill this in? (y/N)\n", path,
				                f->description ? f->description : "");
				rc = ask_yes(iv, ECHO_ASK_SECTION, path, f,
				             had && had->type == ECHO_NODE_MAP, &yes);
				if (rc != 1)
					return rc;
			}
			if (!yes)
				continue;
			echo_node *m = echo_stream_new_map(iv->stream);
			if (!m || echo_stream_map_set(iv->stream, map, f->key, m) != 0)
				return -1;
			rc = walk_map(iv, f->fields, m, had, path, eff);
		} else if (f->type == ECHO_FIELD_LIST ||
		           (f->type == ECHO_FIELD_TEXT && (f->flags & ECHO_FIELD_NONEMPTY))) {
			echo_node *seq = echo_stream_new_seq(iv->stream);
			if (!seq || echo_stream_map_set(iv->stream, map, f->key, seq) != 0)
				return -1;
			rc = walk_list(iv, f, seq, had, path, eff);
		} else {
			echo_node *v;
			rc = ask_value(iv, path, f->key, f, eff, required, had, &v);
			if (rc == 1 && v) {
				if (echo_stream_map_set(iv->stream, map, f->key, v) != 0)
					return -1;
				if (top && strcmp(f->key, "kind") == 0)
					iv->kind = v->text;
				if (strcmp(f->key, "instrument") == 0)
					iv->instrument = v->text;
			}
		}
		if (rc != 1)
			return rc;
	}
	return 1;
}

int echo_interview_run(echo_interview *iv, echo_ask_fn ask_fn, void *ctx, echo_diags *diags)
{
	iv->ask = ask_fn;
	iv->ctx = ctx;
	iv->diags = diags;
	int rc = walk_map(iv, echo_case_schema.fields, iv->root, iv->saved, "", 0);
	if (rc == 1) {
		free(iv->next);
		iv->next = NULL;
	} else if (rc == 0 && save(iv) != 0) {
		rc = -1;
	}
	if (rc < 0 && !diags->errors)
		echo_diags_add(diags, ECHO_ERROR, iv->save_path, 0, 0, "memory",
		               "out of memory during the interview");
	return rc;
}
