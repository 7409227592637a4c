/* The case format echo-case/1: schema table, screening instruments,
 * case rules (its view for templates and JSON is in case_view.c). */
#include "echo/case.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "echo/phi.h"

#define S ECHO_FIELD_SCREENED
#define C ECHO_FIELD_CLINICIAN
#define END {NULL, 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL}
#define P ECHO_FIELD_PATIENT

static const char *const schema_ids[] = {"echo-case/1", NULL};
static const char *const kinds[] = {"patient", "practice", NULL};
static const char *const statuses[] = {"draft", "submitted", "approved", "presented",
                                       "follow-up", NULL};
static const char *const ages[] = {"90+", NULL};
static const char *const severities[] = {"mild", "moderate", "severe", NULL};
static const char *const stages[] = {"precontemplation", "contemplation", "preparation",
                                     "action", "maintenance", NULL};
static const char *const categories[] = {"medication", "behavioral", "harm-reduction",
                                         "psychosocial", "referral", "monitoring",
                                         "peer-support", "follow-up", NULL};
static const char *const themes[] = {"harm reduction", "team-based care",
                                     "behavioral techniques", "medication treatment",
                                     "trauma-informed care", "co-occurring conditions",
                                     "social determinants", "stigma", "peer support",
                                     "pain management", "pregnancy", "adolescents",
                                     "recovery housing", "criminal legal system", NULL};

static const echo_field theme_item = {NULL, ECHO_FIELD_ENUM, ECHO_FIELD_OPEN, "A theme tag.",
                                      themes, NULL, NULL, 0, 0, NULL};

static const echo_field presenter_fields[] = {
	{"name", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED | C, "Presenter's name (a clinician, not the patient).",
	 NULL, NULL, NULL, 0, 0, "Jordan Reyes, FNP"},
	{"role", ECHO_FIELD_STRING, S, "Role, such as family nurse practitioner or peer recovery specialist.",
	 NULL, NULL, NULL, 0, 0, "Family nurse practitioner"},
	{"site", ECHO_FIELD_STRING, S, "Clinic or organisation presenting.",
	 NULL, NULL, NULL, 0, 0, "Mesa Valley Rural Health Clinic"},
	{"email", ECHO_FIELD_STRING, C | ECHO_FIELD_EMAIL,
	 "The presenter's work email, where the recommendations are sent (echo-minutes recommendations --to eml).",
	 NULL, NULL, NULL, 0, 0, "jordan.reyes@example.org"},
	END,
};

static const echo_field patient_fields[] = {
	{"age", ECHO_FIELD_INT, 0, "Age in years, 0 to 89; write 90+ for anyone older.",
	 ages, NULL, NULL, 0, 89, "34"},
	{"gender", ECHO_FIELD_STRING, 0, "Gender as the patient describes it.",
	 NULL, NULL, NULL, 0, 0, "woman"},
	{"pronouns", ECHO_FIELD_STRING, 0, "Pronouns.", NULL, NULL, NULL, 0, 0, "she/her"},
	{"insurance", ECHO_FIELD_STRING, 0, "Kind of coverage (Medicaid, uninsured...), never a member number.",
	 NULL, NULL, NULL, 0, 0, "Medicaid"},
	{"setting", ECHO_FIELD_STRING, 0, "Care setting, such as rural primary care or an opioid treatment program.",
	 NULL, NULL, NULL, 0, 0, "rural primary care"},
	{"occupation", ECHO_FIELD_STRING, 0, "Kind of work, never the employer's name.",
	 NULL, NULL, NULL, 0, 0, "seasonal construction"},
	END,
};

static const echo_field substance_fields[] = {
	{"substance", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "Substance used.",
	 NULL, NULL, NULL, 0, 0, "fentanyl"},
	{"route", ECHO_FIELD_STRING, 0, "Route: smoked, injected, intranasal, oral...",
	 NULL, NULL, NULL, 0, 0, "smoked"},
	{"frequency", ECHO_FIELD_STRING, 0, "How often.", NULL, NULL, NULL, 0, 0, "daily"},
	{"age_of_onset", ECHO_FIELD_INT, 0, "Age at first use.", NULL, NULL, NULL, 0, 89, "19"},
	{"last_use", ECHO_FIELD_STRING, 0, "When last used, relative (\"2 days ago\"), never a date.",
	 NULL, NULL, NULL, 0, 0, "2 days ago"},
	{"severity", ECHO_FIELD_ENUM, 0, "DSM-5 use disorder severity.", severities, NULL, NULL, 0, 0,
	 "severe"},
	END,
};
static const echo_field substance_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, substance_fields,
                                          NULL, 0, 0, NULL};

static const echo_field medication_fields[] = {
	{"name", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED, "Medication.", NULL, NULL, NULL, 0, 0,
	 "buprenorphine-naloxone film"},
	{"dose", ECHO_FIELD_STRING, 0, "Dose and schedule.", NULL, NULL, NULL, 0, 0, "16/4 mg daily"},
	{"duration", ECHO_FIELD_STRING, 0, "How long, relative.", NULL, NULL, NULL, 0, 0, "8 months"},
	END,
};
static const echo_field medication_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, medication_fields,
                                           NULL, 0, 0, NULL};

static const echo_field treatment_fields[] = {
	{"medications", ECHO_FIELD_LIST, 0, "Current medications.", NULL, NULL, &medication_item, 0, 0, NULL},
	{"current", ECHO_FIELD_TEXT, P, "Current treatment and services.", NULL, NULL, NULL, 0, 0, NULL},
	{"past", ECHO_FIELD_TEXT, P, "Past treatment episodes.", NULL, NULL, NULL, 0, 0, NULL},
	END,
};

static const echo_field screening_fields[] = {
	{"instrument", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED,
	 "Instrument, such as PHQ-9, PHQ-2, AUDIT-C, DAST-10, COWS or BARC-10 (doc/case-format.md lists those known).",
	 NULL, NULL, NULL, 0, 0, "PHQ-9"},
	{"score", ECHO_FIELD_INT, ECHO_FIELD_REQUIRED, "Total score.", NULL, NULL, NULL, 0, 0, "12"},
	{"when", ECHO_FIELD_STRING, 0, "When, relative (\"at intake\", \"last week\").",
	 NULL, NULL, NULL, 0, 0, "at intake"},
	END,
};
static const echo_field screening_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL, screening_fields,
                                          NULL, 0, 0, NULL};

static const echo_field psychosocial_fields[] = {
	{"housing", ECHO_FIELD_TEXT, P, "Housing.", NULL, NULL, NULL, 0, 0, NULL},
	{"employment", ECHO_FIELD_TEXT, P, "Work and income.", NULL, NULL, NULL, 0, 0, NULL},
	{"legal", ECHO_FIELD_TEXT, P, "Legal involvement.", NULL, NULL, NULL, 0, 0, NULL},
	{"supports", ECHO_FIELD_TEXT, P, "People and groups who support the patient.", NULL, NULL, NULL, 0, 0, NULL},
	{"transportation", ECHO_FIELD_TEXT, P, "Getting to care.", NULL, NULL, NULL, 0, 0, NULL},
	{"trauma", ECHO_FIELD_TEXT, P, "Trauma history, as much as is needed.", NULL, NULL, NULL, 0, 0, NULL},
	{"family", ECHO_FIELD_TEXT, P, "Family and household, without names.", NULL, NULL, NULL, 0, 0, NULL},
	END,
};

static const echo_field harm_reduction_fields[] = {
	{"naloxone", ECHO_FIELD_TEXT, P, "Naloxone access and training.", NULL, NULL, NULL, 0, 0, NULL},
	{"test_strips", ECHO_FIELD_TEXT, P, "Fentanyl or xylazine test strips.", NULL, NULL, NULL, 0, 0, NULL},
	{"syringe_services", ECHO_FIELD_TEXT, P, "Syringe services program use.", NULL, NULL, NULL, 0, 0, NULL},
	{"other", ECHO_FIELD_TEXT, P, "Other harm reduction.", NULL, NULL, NULL, 0, 0, NULL},
	END,
};

static const echo_field readiness_fields[] = {
	{"stage", ECHO_FIELD_ENUM, 0, "Stage of change (transtheoretical model).", stages, NULL, NULL,
	 0, 0, "preparation"},
	{"ruler", ECHO_FIELD_INT, 0, "Readiness ruler, 0 (not ready) to 10 (very ready).", NULL, NULL,
	 NULL, 0, 10, "7"},
	END,
};

static const echo_field recommendation_fields[] = {
	{"category", ECHO_FIELD_ENUM, ECHO_FIELD_REQUIRED, "Kind of recommendation.", categories, NULL,
	 NULL, 0, 0, "medication"},
	{"text", ECHO_FIELD_TEXT, ECHO_FIELD_REQUIRED, "The recommendation.", NULL, NULL, NULL, 0, 0,
	 "Continue buprenorphine at the current dose."},
	{"by", ECHO_FIELD_STRING, 0, "Who on the hub team gave it (a role).", NULL, NULL, NULL, 0, 0,
	 "addiction psychiatrist"},
	END,
};
static const echo_field recommendation_item = {NULL, ECHO_FIELD_MAP, 0, NULL, NULL,
                                               recommendation_fields, NULL, 0, 0, NULL};

static const echo_field case_fields[] = {
	{"schema", ECHO_FIELD_ENUM, ECHO_FIELD_REQUIRED, "Format and version of this file.", schema_ids,
	 NULL, NULL, 0, 0, "echo-case/1"},
	{"id", ECHO_FIELD_STRING, ECHO_FIELD_REQUIRED | ECHO_FIELD_CODE,
	 "Program-assigned case code, never a medical record number.", NULL, NULL, NULL, 0, 0,
	 "OUD-2026-014"},
	{"kind", ECHO_FIELD_ENUM, 0,
	 "patient (the default), or practice: a workplace, ethics or supervision situation, with no patient block.",
	 kinds, NULL, NULL, 0, 0, "patient"},
	{"series", ECHO_FIELD_STRING, S, "The teleECHO series.", NULL, NULL, NULL, 0, 0,
	 "Rural Opioid Use Disorder ECHO"},
	{"session", ECHO_FIELD_DATE, 0, "Date of the teleECHO session.", NULL, NULL, NULL, 0, 0,
	 "2026-03-12"},
	{"status", ECHO_FIELD_ENUM, 0, "Where the case is in its life.", statuses, NULL, NULL, 0, 0,
	 "draft"},
	{"follow_up_of", ECHO_FIELD_STRING, ECHO_FIELD_CODE,
	 "A follow-up presentation: the id of the case it follows up (reports count the two as one case).",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"presenter", ECHO_FIELD_MAP, ECHO_FIELD_REQUIRED, "Who presents the case.", NULL,
	 presenter_fields, NULL, 0, 0, NULL},
	{"patient", ECHO_FIELD_MAP, P, "About the patient, de-identified.", NULL, patient_fields, NULL,
	 0, 0, NULL},
	{"summary", ECHO_FIELD_TEXT, ECHO_FIELD_REQUIRED | P, "One-paragraph case summary.", NULL, NULL,
	 NULL, 0, 0, "|\n  A short, de-identified summary of the case."},
	{"questions", ECHO_FIELD_TEXT, ECHO_FIELD_REQUIRED | ECHO_FIELD_NONEMPTY | P,
	 "The specific questions for the hub: at least one.", NULL, NULL, NULL, 0, 0,
	 "What should I do next?"},
	{"substance_use", ECHO_FIELD_LIST, P, "Substance use history.", NULL, NULL, &substance_item,
	 0, 0, NULL},
	{"treatment", ECHO_FIELD_MAP, P, "Treatment now and before.", NULL, treatment_fields, NULL, 0,
	 0, NULL},
	{"screening", ECHO_FIELD_LIST, P, "Screening instrument results.", NULL, NULL,
	 &screening_item, 0, 0, NULL},
	{"urine_drug_screen", ECHO_FIELD_TEXT, P, "Urine drug screen results, relative dates only.",
	 NULL, NULL, NULL, 0, 0, NULL},
	{"pdmp", ECHO_FIELD_TEXT, P, "Prescription drug monitoring program check.", NULL, NULL, NULL,
	 0, 0, NULL},
	{"mental_health", ECHO_FIELD_TEXT, P, "Mental health history and current symptoms.", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"medical", ECHO_FIELD_TEXT, P, "Medical history and conditions.", NULL, NULL, NULL, 0, 0, NULL},
	{"psychosocial", ECHO_FIELD_MAP, P, "Social situation.", NULL, psychosocial_fields, NULL, 0,
	 0, NULL},
	{"harm_reduction", ECHO_FIELD_MAP, P, "Harm reduction in place.", NULL, harm_reduction_fields,
	 NULL, 0, 0, NULL},
	{"readiness", ECHO_FIELD_MAP, 0, "Readiness to change.", NULL, readiness_fields, NULL, 0, 0,
	 NULL},
	{"strengths", ECHO_FIELD_TEXT, P, "Strengths and protective factors.", NULL, NULL, NULL, 0, 0,
	 NULL},
	{"goals", ECHO_FIELD_TEXT, P, "The patient's own goals.", NULL, NULL, NULL, 0, 0, NULL},
	{"recommendations", ECHO_FIELD_LIST, P,
	 "Hub recommendations, filled in during or after the session.", NULL, NULL,
	 &recommendation_item, 0, 0, NULL},
	{"teaching_points", ECHO_FIELD_TEXT, S, "Teaching points from the discussion (hub).", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"themes", ECHO_FIELD_LIST, S, "Theme tags for series reporting (hub).", NULL, NULL,
	 &theme_item, 0, 0, NULL},
	{"follow_up", ECHO_FIELD_TEXT, P, "Follow-up plan and when the case returns (hub).", NULL,
	 NULL, NULL, 0, 0, NULL},
	{"follow_up_date", ECHO_FIELD_DATE, 0,
	 "Date of the session the case is due back at, for follow-up (hub).", NULL, NULL, NULL, 0,
	 0, NULL},
	{"deid", ECHO_FIELD_MAP, 0,
	 "De-identification review: possible PHI findings a reviewer has checked and found safe.",
	 NULL, echo_deid_fields, NULL, 0, 0, NULL},
	END,
};

const echo_schema echo_case_schema = {
	"echo-case/1",
	"teleECHO case",
	"A de-identified patient or practice case presented at a teleECHO session.",
	case_fields,
};

/* Screening instruments ---------------------------------------------------- */

static const echo_band phq9[] = {{0, 4, "minimal"}, {5, 9, "mild"}, {10, 14, "moderate"},
                                 {15, 19, "moderately severe"}, {20, 27, "severe"}, {0, 0, NULL}};
static const echo_band gad7[] = {{0, 4, "minimal"}, {5, 9, "mild"}, {10, 14, "moderate"},
                                 {15, 21, "severe"}, {0, 0, NULL}};
static const echo_band audit[] = {{0, 7, "low risk (zone I)"}, {8, 15, "hazardous (zone II)"},
                                  {16, 19, "harmful (zone III)"},
                                  {20, 40, "possible dependence (zone IV)"}, {0, 0, NULL}};
static const echo_band auditc[] = {{0, 2, "negative"},
                                   {3, 3, "positive for women, negative for men"},
                                   {4, 7, "positive"}, {8, 12, "positive, high risk"},
                                   {0, 0, NULL}};
static const echo_band dast10[] = {{0, 0, "no problems reported"}, {1, 2, "low"},
                                   {3, 5, "moderate"}, {6, 8, "substantial"}, {9, 10, "severe"},
                                   {0, 0, NULL}};
static const echo_band cage[] = {{0, 1, "negative"}, {2, 4, "clinically significant"},
                                 {0, 0, NULL}};
static const echo_band cows[] = {{0, 4, "no active withdrawal"}, {5, 12, "mild"},
                                 {13, 24, "moderate"}, {25, 36, "moderately severe"},
                                 {37, 48, "severe"}, {0, 0, NULL}};
static const echo_band ciwa[] = {{0, 7, "minimal"}, {8, 15, "moderate"}, {16, 67, "severe"},
                                 {0, 0, NULL}};
static const echo_band pcl5[] = {{0, 30, "below the probable-PTSD cut-point"},
                                 {31, 80, "probable PTSD"}, {0, 0, NULL}};
static const echo_band phq2[] = {{0, 2, "negative"}, {3, 6, "positive: follow with the PHQ-9"},
                                 {0, 0, NULL}};
static const echo_band gad2[] = {{0, 2, "negative"}, {3, 6, "positive: follow with the GAD-7"},
                                 {0, 0, NULL}};
static const echo_band pcptsd5[] = {{0, 3, "negative"}, {4, 5, "positive"}, {0, 0, NULL}};
static const echo_band crafft[] = {{0, 1, "low risk"}, {2, 6, "positive: high risk"},
                                   {0, 0, NULL}};
/* Each of ten items 1 (strongly disagree) to 6 (strongly agree). */
static const echo_band barc10[] = {{10, 46, "below the sustained-remission cut-off (47)"},
                                   {47, 60, "at or above the sustained-remission cut-off (47)"},
                                   {0, 0, NULL}};

const echo_instrument echo_instruments[] = {
	{"PHQ-9", "depression", 0, 27, phq9, "Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16:606-13"},
	{"GAD-7", "anxiety", 0, 21, gad7, "Spitzer et al., Arch Intern Med 2006;166:1092-7"},
	{"AUDIT", "alcohol use", 0, 40, audit, "Babor et al., AUDIT guidelines, WHO 2001"},
	{"AUDIT-C", "alcohol use", 0, 12, auditc,
	 "Bush et al., Arch Intern Med 1998;158:1789-95; Bradley et al., Alcohol Clin Exp Res 2007;31:1208-17"},
	{"DAST-10", "drug use", 0, 10, dast10, "Skinner, Addict Behav 1982;7:363-71"},
	{"CAGE", "alcohol use", 0, 4, cage, "Ewing, JAMA 1984;252:1905-7"},
	{"COWS", "opioid withdrawal", 0, 48, cows, "Wesson & Ling, J Psychoactive Drugs 2003;35:253-9"},
	{"CIWA-Ar", "alcohol withdrawal", 0, 67, ciwa, "Sullivan et al., Br J Addict 1989;84:1353-7"},
	{"PCL-5", "PTSD symptoms", 0, 80, pcl5,
	 "Weathers et al., PCL-5, National Center for PTSD 2013; Bovin et al., Psychol Assess 2016;28:1379-91"},
	{"PHQ-2", "depression (pre-screen)", 0, 6, phq2,
	 "Kroenke, Spitzer & Williams, Med Care 2003;41:1284-92"},
	{"GAD-2", "anxiety (pre-screen)", 0, 6, gad2,
	 "Kroenke et al., Ann Intern Med 2007;146:317-25"},
	{"PC-PTSD-5", "PTSD (screen)", 0, 5, pcptsd5,
	 "Prins et al., J Gen Intern Med 2016;31:1206-11"},
	{"CRAFFT", "adolescent substance use", 0, 6, crafft,
	 "Knight et al., Arch Pediatr Adolesc Med 2002;156:607-14"},
	{"BARC-10", "recovery capital", 10, 60, barc10,
	 "Vilsaint et al., Drug Alcohol Depend 2017;177:71-6"},
	{NULL, NULL, 0, 0, NULL, NULL},
};

/* Upper-cased letters and digits only: "CIWA-Ar" and "ciwa ar" match. */
static void fold_name(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	for (; *in && n + 1 < cap; in++)
		if (isalnum((unsigned char)*in))
			out[n++] = (char)toupper((unsigned char)*in);
	out[n] = '\0';
}

const echo_instrument *echo_instrument_find(const char *name)
{
	char want[32], have[32];
	fold_name(name, want, sizeof want);
	if (strcmp(want, "CIWA") == 0)
		return echo_instrument_find("CIWA-Ar");
	for (const echo_instrument *i = echo_instruments; i->name; i++) {
		fold_name(i->name, have, sizeof have);
		if (strcmp(want, have) == 0)
			return i;
	}
	return NULL;
}

const echo_band *echo_instrument_band(const echo_instrument *inst, int score)
{
	for (const echo_band *b = inst->bands; b->label; b++)
		if (score >= b->low && score <= b->high)
			return b;
	return NULL;
}

/* Case rules ---------------------------------------------------------------- */

static void add(echo_diags *diags, const echo_stream *stream, echo_severity sev,
                const echo_node *at, const char *rule, const char *msg, const char *arg)
{
	echo_diags_add(diags, sev, stream->path, at->start.line, at->start.col, rule, msg, arg);
}

size_t echo_case_check(const echo_stream *stream, const echo_node *root, echo_diags *diags)
{
	size_t errors = echo_schema_validate(&echo_case_schema, stream, root, diags);
	if (!root || root->type != ECHO_NODE_MAP)
		return errors;
	const char *kind = echo_node_get_text(root, "kind");
	const echo_node *patient = echo_node_get(root, "patient");
	if (kind && strcmp(kind, "practice") == 0 && patient && patient->type != ECHO_NODE_NULL) {
		for (size_t i = 0; i < root->count; i++)
			if (root->pairs[i].value == patient)
				patient = root->pairs[i].key;
		add(diags, stream, ECHO_ERROR, patient, "practice-patient",
		    "a practice case has no patient block%s; remove 'patient' or set kind: patient", "");
		errors++;
	}
	/* A follow-up names another case; naming itself would make a case
	 * its own first presentation. */
	const echo_node *of = echo_node_get(root, "follow_up_of");
	const char *id = echo_node_get_text(root, "id");
	if (echo_node_is_scalar(of) && of->type != ECHO_NODE_NULL && id && strcmp(of->text, id) == 0) {
		add(diags, stream, ECHO_ERROR, of, "follow-up-of",
		    "follow_up_of names this case itself (%s); give the id of the case it follows up",
		    id);
		errors++;
	}
	const echo_node *screening = echo_node_get(root, "screening");
	if (!screening || screening->type != ECHO_NODE_SEQ)
		return errors;
	for (size_t i = 0; i < screening->count; i++) {
		const echo_node *item = screening->items[i];
		const char *name = echo_node_get_text(item, "instrument");
		const echo_node *score = echo_node_get(item, "score");
		if (!name)
			continue;
		const echo_instrument *inst = echo_instrument_find(name);
		if (!inst) {
			add(diags, stream, ECHO_WARNING, echo_node_get(item, "instrument"),
			    "instrument-unknown",
			    "unknown screening instrument '%s': its score is shown without a band", name);
			continue;
		}
		if (score && score->type == ECHO_NODE_INT &&
		    (score->integer < inst->min || score->integer > inst->max)) {
			echo_diags_add(diags, ECHO_ERROR, stream->path, score->start.line,
			               score->start.col, "score-range",
			               "%s score %lld is outside its range %d to %d", inst->name,
			               score->integer, inst->min, inst->max);
			errors++;
		}
	}
	return errors;
}

const char *echo_case_counted_as(const echo_node *root)
{
	const echo_node *of = echo_node_get(root, "follow_up_of");
	if (echo_node_is_scalar(of) && of->type != ECHO_NODE_NULL && of->text_len)
		return of->text;
	return echo_node_get_text(root, "id");
}

/* The screen (deid.c) knows field tables, not formats: a case is screened,
 * redacted and reviewed by its table. */

size_t echo_case_screen(const echo_stream *stream, const echo_node *root, echo_diags *diags)
{
	return echo_schema_screen(&echo_case_schema, stream, root, NULL, diags);
}

long echo_case_redact(const echo_stream *stream, echo_buf *out)
{
	return echo_schema_redact(&echo_case_schema, stream, out);
}

long echo_case_review(const echo_stream *stream, const echo_deid_review *review, echo_buf *out,
                      echo_diags *diags)
{
	return echo_schema_review(&echo_case_schema, stream, NULL, review, out, diags);
}
