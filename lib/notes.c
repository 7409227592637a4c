/* The notes format echo-notes/1: its schema table, and the check that
 * screens highlights and action items for PHI before they reach minutes
 * that go to every participant. */
#include "echo/notes.h"

#include <stddef.h>

#include "echo/phi.h"

#define S ECHO_FIELD_SCREENED
#define C ECHO_FIELD_CLINICIAN
#define END {NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL}
#define R ECHO_FIELD_REQUIRED
#define P ECHO_FIELD_PATIENT

static const char *const notes_ids[] = {"echo-notes/1", NULL};

static const echo_field action_fields[] = {
	{"item", ECHO_FIELD_TEXT, R | P, "What is to be done.", NULL, NULL, NULL, 0, 0,
	 "Send the low-dose start schedule to every spoke site."},
	{"owner", ECHO_FIELD_STRING, C, "Who does it.", NULL, NULL, NULL, 0, 0,
	 "Maya Chen, PharmD"},
	{"due", ECHO_FIELD_DATE, 0, "By when.", NULL, NULL, NULL, 0, 0, "2026-03-19"},
	END,
};
static const echo_field action_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, action_fields, NULL,
                                       0, 0, NULL};

static const echo_field notes_fields[] = {
	{"schema", ECHO_FIELD_ENUM, R, "Format and version of this file.", notes_ids, NULL, NULL, 0,
	 0, "echo-notes/1"},
	{"session", ECHO_FIELD_DATE, R,
	 "Date of the session these notes are for: the session file's date.", NULL, NULL, NULL, 0, 0,
	 "2026-03-12"},
	{"recorded_by", ECHO_FIELD_STRING, C, "Who took the notes.", NULL, NULL, NULL, 0, 0,
	 "Alex Moreno, MSW"},
	{"announcements", ECHO_FIELD_TEXT, S,
	 "Announcements, besides those in the session file's announcements segment.", NULL, NULL,
	 NULL, 0, 0, NULL},
	{"highlights", ECHO_FIELD_TEXT, P,
	 "Highlights of the discussion that are not in a case file: questions from the spokes, "
	 "resources shared.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"action_items", ECHO_FIELD_LIST, 0, "Action items agreed at the session.", NULL, NULL,
	 &action_item, 0, 0, NULL},
	{"attendance_notes", ECHO_FIELD_TEXT, S,
	 "About attendance: a room of people on one connection, a phone line the export misses.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"next_session", ECHO_FIELD_TEXT, S, "The next session: when (\"next week\", not a date), its topic, how to submit a case.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"deid", ECHO_FIELD_MAP, 0,
	 "De-identification review: possible PHI findings a reviewer has checked and found safe.",
	 NULL, echo_deid_fields, NULL, 0, 0, NULL},
	END,
};

const echo_schema echo_notes_schema = {
	"echo-notes/1",
	"teleECHO session notes",
	"What a coordinator records at a session besides the cases: announcements, discussion "
	"highlights and action items.",
	notes_fields,
};

/* Screening ------------------------------------------------------------------ */

size_t echo_notes_check(const echo_stream *stream, const echo_node *root,
                        const char *const *known_names, size_t known_count,
                        echo_diags *diags)
{
	size_t errors = echo_schema_validate(&echo_notes_schema, stream, root, diags);
	if (!root || root->type != ECHO_NODE_MAP)
		return errors;
	echo_screen_options options = {
		.known_names = known_names,
		.known_count = known_count,
		.context = " in notes that go to every participant",
	};
	return errors + echo_schema_screen(&echo_notes_schema, stream, root, &options, diags);
}
